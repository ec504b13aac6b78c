package com.poseops.inference;

/**
 * One predicted keypoint.
 *
 * @param part  which body part
 * @param x     horizontal pixel coordinate in the original image as displayed (after EXIF orientation), 0 = left edge
 * @param y     vertical pixel coordinate, 0 = top edge
 * @param score the model's confidence, 0..1 (0.3 is the model card's threshold for "visible")
 */
public record Keypoint(BodyPart part, double x, double y, double score) {

    /** JSON name of the keypoint, e.g. {@code left_wrist}. */
    public String name() {
        return part.label();
    }
}
