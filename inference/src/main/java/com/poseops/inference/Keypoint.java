package com.poseops.inference;

/**
 * One predicted keypoint.
 *
 * @param part     which body part
 * @param x        horizontal pixel coordinate in the original image as displayed (after EXIF orientation), 0 = left edge
 * @param y        vertical pixel coordinate, 0 = top edge
 * @param score    the confidence, 0..1: the model's own, or the calibrated probability that the keypoint is correct
 *                 when a calibration is applied (0.3 is the model card's threshold for "visible")
 * @param rawScore the model's own confidence (equal to {@code score} when no calibration is applied)
 */
public record Keypoint(BodyPart part, double x, double y, double score, double rawScore) {

    /** A keypoint as the model scored it (no calibration). */
    public Keypoint(BodyPart part, double x, double y, double score) {
        this(part, x, y, score, score);
    }

    /** JSON name of the keypoint, e.g. {@code left_wrist}. */
    public String name() {
        return part.label();
    }

    /** The same keypoint with a calibrated score; the model's own stays {@link #rawScore()}. */
    public Keypoint withCalibratedScore(double calibrated) {
        return new Keypoint(part, x, y, calibrated, rawScore);
    }
}
