package com.poseops.inference.training;

import com.poseops.inference.Keypoint;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.calibration.CalibrationMetrics;
import com.poseops.inference.calibration.CorrectnessRule;
import com.poseops.inference.calibration.KeypointCalibration;
import com.poseops.inference.labels.LabelledPose;
import java.util.Arrays;

/**
 * Calibration samples: for each labelled keypoint of each view, which keypoint it is, the logit of the model's raw
 * score and whether the prediction was correct by the {@link CorrectnessRule}.
 */
final class Samples {

    private int size;
    private int[] keypoint = new int[256];
    private double[] logit = new double[256];
    private boolean[] correct = new boolean[256];

    int size() {
        return size;
    }

    int keypoint(int i) {
        return keypoint[i];
    }

    double logit(int i) {
        return logit[i];
    }

    boolean correct(int i) {
        return correct[i];
    }

    /** Adds the labelled keypoints of one prediction; a view without a torso adds nothing. Returns how many. */
    int add(PosePrediction prediction, LabelledPose truth, CorrectnessRule rule) {
        Double tolerance = rule.tolerancePx(truth);
        if (tolerance == null) {
            return 0;
        }
        int added = 0;
        for (int k = 0; k < truth.labelled().length; k++) {
            if (!truth.labelled()[k]) {
                continue;
            }
            Keypoint predicted = prediction.keypoints().get(k);
            double distance = Math.hypot(predicted.x() - truth.x()[k], predicted.y() - truth.y()[k]);
            add(k, KeypointCalibration.logit(predicted.rawScore()), distance <= tolerance);
            added++;
        }
        return added;
    }

    synchronized void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.keypoint[i], other.logit[i], other.correct[i]);
        }
    }

    void add(int k, double z, boolean isCorrect) {
        if (size == keypoint.length) {
            keypoint = Arrays.copyOf(keypoint, size * 2);
            logit = Arrays.copyOf(logit, size * 2);
            correct = Arrays.copyOf(correct, size * 2);
        }
        keypoint[size] = k;
        logit[size] = z;
        correct[size] = isCorrect;
        size++;
    }

    /** Log-loss, ECE and Brier score of these samples under a calibration. */
    Quality quality(KeypointCalibration calibration) {
        double[] p = new double[size];
        for (int i = 0; i < size; i++) {
            p[i] = KeypointCalibration.sigmoid(calibration.a()[keypoint[i]] * logit[i] + calibration.b()[keypoint[i]]);
        }
        return new Quality(CalibrationMetrics.logLoss(p, correct, size),
                CalibrationMetrics.expectedCalibrationError(p, correct, size),
                CalibrationMetrics.brierScore(p, correct, size), size);
    }

    record Quality(double logLoss, double ece, double brier, int samples) {
    }
}
