package com.poseops.inference.calibration;

import com.poseops.inference.BodyPart;
import java.util.Arrays;

/**
 * One Platt-scaling pair per keypoint: {@code p = σ(a[k] · logit(score) + b[k])}. The identity ({@code a = 1},
 * {@code b = 0}) gives back the model's own score.
 */
public record KeypointCalibration(double[] a, double[] b) {

    /** Scores are clamped into [EPSILON, 1 − EPSILON] before the logit, so 0 and 1 stay finite. */
    public static final double EPSILON = 1e-4;

    public KeypointCalibration {
        if (a.length != BodyPart.COUNT || b.length != BodyPart.COUNT) {
            throw new IllegalArgumentException("a calibration has " + BodyPart.COUNT + " pairs");
        }
        for (int k = 0; k < BodyPart.COUNT; k++) {
            if (!Double.isFinite(a[k]) || !Double.isFinite(b[k])) {
                throw new IllegalArgumentException("calibration pair " + BodyPart.ofIndex(k).label()
                        + " is not finite: a=" + a[k] + ", b=" + b[k]);
            }
        }
        a = a.clone();
        b = b.clone();
    }

    public static KeypointCalibration identity() {
        double[] ones = new double[BodyPart.COUNT];
        Arrays.fill(ones, 1.0);
        return new KeypointCalibration(ones, new double[BodyPart.COUNT]);
    }

    /** The calibrated probability that keypoint {@code k}, scored {@code rawScore} by the model, is correct. */
    public double apply(int k, double rawScore) {
        return sigmoid(a[k] * logit(rawScore) + b[k]);
    }

    public static double logit(double score) {
        double s = Math.min(1 - EPSILON, Math.max(EPSILON, score));
        return Math.log(s / (1 - s));
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeypointCalibration c && Arrays.equals(a, c.a) && Arrays.equals(b, c.b);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(a) * 31 + Arrays.hashCode(b);
    }

    @Override
    public String toString() {
        return "KeypointCalibration[a=" + Arrays.toString(a) + ", b=" + Arrays.toString(b) + "]";
    }
}
