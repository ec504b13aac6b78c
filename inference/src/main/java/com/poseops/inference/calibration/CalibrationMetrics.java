package com.poseops.inference.calibration;

/**
 * How well probabilities match outcomes, over samples (probability that a keypoint is correct, whether it was):
 * expected calibration error (10 equal-width bins), Brier score and log-loss.
 */
public final class CalibrationMetrics {

    public static final int BINS = 10;

    private CalibrationMetrics() {
    }

    /** Σ over bins of (share of samples) × |accuracy − mean probability|; 0 for no samples. */
    public static double expectedCalibrationError(double[] probabilities, boolean[] correct, int count) {
        if (count == 0) {
            return 0;
        }
        double[] probabilitySum = new double[BINS];
        double[] correctSum = new double[BINS];
        int[] n = new int[BINS];
        for (int i = 0; i < count; i++) {
            int bin = Math.min(BINS - 1, (int) (probabilities[i] * BINS));
            probabilitySum[bin] += probabilities[i];
            correctSum[bin] += correct[i] ? 1 : 0;
            n[bin]++;
        }
        double ece = 0;
        for (int bin = 0; bin < BINS; bin++) {
            if (n[bin] > 0) {
                ece += (double) n[bin] / count * Math.abs(correctSum[bin] / n[bin] - probabilitySum[bin] / n[bin]);
            }
        }
        return ece;
    }

    /** Mean of (p − outcome)²; 0 for no samples. */
    public static double brierScore(double[] probabilities, boolean[] correct, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double d = probabilities[i] - (correct[i] ? 1 : 0);
            sum += d * d;
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Mean negative log-likelihood, probabilities clamped to [1e-6, 1 − 1e-6]; 0 for no samples. */
    public static double logLoss(double[] probabilities, boolean[] correct, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double p = Math.min(1 - 1e-6, Math.max(1e-6, probabilities[i]));
            sum -= correct[i] ? Math.log(p) : Math.log(1 - p);
        }
        return count == 0 ? 0 : sum / count;
    }
}
