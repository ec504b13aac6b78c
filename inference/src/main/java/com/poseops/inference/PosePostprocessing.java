package com.poseops.inference;

import com.poseops.inference.image.FrameMapping;

import java.util.ArrayList;
import java.util.List;

/**
 * The model output of one pass → keypoints in pixels of the original image. The one place where raw MoveNet values
 * become {@link Keypoint}s: a later step on the scores (e.g. a calibration read next to the model) belongs here.
 */
final class PosePostprocessing {

    private PosePostprocessing() {
    }

    /** {@code yxScores}: 17 × (y, x, score), y and x normalised to the model input that {@code mapping} describes. */
    static List<Keypoint> keypoints(float[] yxScores, FrameMapping mapping) {
        List<Keypoint> keypoints = new ArrayList<>(BodyPart.COUNT);
        for (int k = 0; k < BodyPart.COUNT; k++) {
            double y = yxScores[k * 3];
            double x = yxScores[k * 3 + 1];
            double score = yxScores[k * 3 + 2];
            keypoints.add(new Keypoint(BodyPart.ofIndex(k), mapping.originalX(x), mapping.originalY(y), score));
        }
        return keypoints;
    }

    static double meanScore(List<Keypoint> keypoints) {
        double sum = 0;
        for (Keypoint k : keypoints) {
            sum += k.score();
        }
        return sum / keypoints.size();
    }
}
