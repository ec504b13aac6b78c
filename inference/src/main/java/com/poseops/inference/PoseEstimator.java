package com.poseops.inference;

import java.awt.image.BufferedImage;

/**
 * Estimates one person's pose in an image. Implementations are thread-safe; {@link MoveNetEngine} is the real one.
 */
public interface PoseEstimator extends AutoCloseable {

    /**
     * Decodes a JPEG or PNG (EXIF orientation applied), runs the model and returns keypoints in pixel coordinates of the
     * image as displayed.
     *
     * @throws ImageRejectedException if the bytes are not a usable JPEG/PNG or the image is too large; the exception's
     *                                {@link ImageRejectedException#code()} says which
     */
    PosePrediction estimate(byte[] encodedImage) throws ImageRejectedException;

    /** As {@link #estimate(byte[])} for the first {@code length} bytes of {@code buffer} (avoids a copy). */
    PosePrediction estimate(byte[] buffer, int length) throws ImageRejectedException;

    /** Runs the model on an already decoded image (no EXIF orientation is applied). */
    PosePrediction estimate(BufferedImage image);

    /** Which decoder JPEGs go to, for a start-up log line (e.g. {@code TurboJPEG (libturbojpeg.so.0), DCT scaling}). */
    String jpegDecoder();

    /** The model this estimator runs. */
    ModelInfo model();

    /** Frees the native resources; waits for running estimations to finish first. */
    @Override
    void close();
}
