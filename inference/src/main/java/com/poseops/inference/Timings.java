package com.poseops.inference;

/**
 * Where the time of one prediction went, in milliseconds.
 *
 * @param decodeMs      header check and image decoding (JPEG/PNG to pixels)
 * @param preprocessMs  EXIF orientation, letterbox/stretch and bilinear resampling into the model input
 * @param inferenceMs   TensorFlow Lite: input copy, {@code Invoke()}, output copy
 * @param postprocessMs mapping the model output back to pixel coordinates of the original image
 * @param totalMs       wall time from receiving the image to the prediction being ready; includes waiting for a free
 *                      interpreter (so it can exceed the sum of the others under load)
 */
public record Timings(double decodeMs, double preprocessMs, double inferenceMs, double postprocessMs, double totalMs) {

    /** The same timings with another total (the server measures total from the moment the request body arrived). */
    public Timings withTotalMs(double newTotalMs) {
        return new Timings(decodeMs, preprocessMs, inferenceMs, postprocessMs, newTotalMs);
    }
}
