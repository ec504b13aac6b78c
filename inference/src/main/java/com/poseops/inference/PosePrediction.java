package com.poseops.inference;

import java.util.List;

/**
 * The result of running MoveNet SinglePose on one image.
 *
 * @param model       the model that produced it
 * @param imageWidth  width of the original image as displayed (after EXIF orientation), in pixels
 * @param imageHeight height of the original image as displayed, in pixels
 * @param keypoints   the 17 keypoints in COCO order ({@link BodyPart#ordinal()}), in pixel coordinates of that image
 * @param score       mean of the 17 keypoint scores
 * @param timings     where the time went
 * @param refinement  whether a second pass on a crop region produced the keypoints
 */
public record PosePrediction(
        ModelInfo model, int imageWidth, int imageHeight, List<Keypoint> keypoints, double score, Timings timings,
        Refinement refinement) {

    public PosePrediction {
        keypoints = List.copyOf(keypoints);
        if (keypoints.size() != BodyPart.COUNT) {
            throw new IllegalArgumentException("a pose has " + BodyPart.COUNT + " keypoints, got " + keypoints.size());
        }
    }

    /** The keypoint of one body part. */
    public Keypoint keypoint(BodyPart part) {
        return keypoints.get(part.ordinal());
    }

    /** The same prediction with other timings (used by the server to account for queueing). */
    public PosePrediction withTimings(Timings newTimings) {
        return new PosePrediction(model, imageWidth, imageHeight, keypoints, score, newTimings, refinement);
    }
}
