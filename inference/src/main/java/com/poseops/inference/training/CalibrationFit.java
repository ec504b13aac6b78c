package com.poseops.inference.training;

import com.poseops.inference.BodyPart;
import com.poseops.inference.calibration.KeypointCalibration;

/**
 * Gradient descent on the 17 (a, b) pairs: minimises the mean log-loss of each keypoint's samples plus
 * {@code l2 · ((a − 1)² + b²)}, which pulls every pair towards the identity (the model's own score) when a keypoint
 * has few samples. Each keypoint's gradient is averaged over its own samples, so rare keypoints move as fast as common
 * ones.
 */
final class CalibrationFit {

    private final double learningRate;
    private final double l2;
    private final double[] a;
    private final double[] b;

    CalibrationFit(double learningRate, double l2) {
        this.learningRate = learningRate;
        this.l2 = l2;
        KeypointCalibration identity = KeypointCalibration.identity();
        this.a = identity.a();
        this.b = identity.b();
    }

    KeypointCalibration current() {
        return new KeypointCalibration(a, b);
    }

    /** {@code steps} full-batch steps on the samples. */
    void step(Samples samples, int steps) {
        double[] gradA = new double[BodyPart.COUNT];
        double[] gradB = new double[BodyPart.COUNT];
        int[] count = new int[BodyPart.COUNT];
        for (int step = 0; step < steps; step++) {
            java.util.Arrays.fill(gradA, 0);
            java.util.Arrays.fill(gradB, 0);
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < samples.size(); i++) {
                int k = samples.keypoint(i);
                double z = samples.logit(i);
                double error = KeypointCalibration.sigmoid(a[k] * z + b[k]) - (samples.correct(i) ? 1 : 0);
                gradA[k] += error * z;
                gradB[k] += error;
                count[k]++;
            }
            for (int k = 0; k < BodyPart.COUNT; k++) {
                double n = Math.max(1, count[k]);
                a[k] -= learningRate * (gradA[k] / n + 2 * l2 * (a[k] - 1));
                b[k] -= learningRate * (gradB[k] / n + 2 * l2 * b[k]);
            }
        }
    }
}
