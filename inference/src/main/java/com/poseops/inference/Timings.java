package com.poseops.inference;

import org.jspecify.annotations.Nullable;

/**
 * Where the time of one prediction went, in milliseconds.
 *
 * @param decodeMs      header check and image decoding (JPEG/PNG to pixels), all passes
 * @param preprocessMs  EXIF orientation, letterbox/crop and bilinear resampling into the model input, all passes
 * @param inferenceMs   TensorFlow Lite: input copy, {@code Invoke()}, output copy — the model time, all passes
 * @param postprocessMs mapping the model output back to pixel coordinates of the original image
 * @param totalMs       wall time from receiving the image to the prediction being ready; includes waiting for a free
 *                      interpreter (so it can exceed the sum of the others under load)
 * @param firstPass     the pass on the whole frame
 * @param secondPass    the pass on the crop region, or null when refinement did not run
 */
public record Timings(double decodeMs, double preprocessMs, double inferenceMs, double postprocessMs, double totalMs,
                      Pass firstPass, @Nullable Pass secondPass) {

    /**
     * One model pass.
     *
     * @param decodeMs     decoding for this pass (the second pass decodes again only when the crop needs finer pixels
     *                     than the first pass's reduced-resolution decode has)
     * @param preprocessMs resampling into the model input
     * @param inferenceMs  input copy, {@code Invoke()}, output copy
     */
    public record Pass(double decodeMs, double preprocessMs, double inferenceMs) {
    }

    /** The same timings with another total (the server measures total from the moment the request body arrived). */
    public Timings withTotalMs(double newTotalMs) {
        return new Timings(decodeMs, preprocessMs, inferenceMs, postprocessMs, newTotalMs, firstPass, secondPass);
    }
}
