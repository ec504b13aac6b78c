package com.poseops.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an evaluation found: the headline numbers and each image's own.
 *
 * @param meanErrorPx  mean Euclidean distance between predicted and true keypoints, over all keypoints of all images
 * @param maxErrorPx   the largest of those distances
 * @param pck005       share (0..1) of keypoints within 5 % of their image's diagonal of the truth (PCK@0.05)
 * @param meanScore    mean keypoint score the model gave
 * @param p50LatencyMs median wall time of one prediction (decode to keypoints), over repeated runs
 */
public record EvaluationReport(double meanErrorPx, double maxErrorPx, double pck005, double meanScore,
        double p50LatencyMs, List<ImageResult> images) {

    public static final String MEAN_ERROR = "meanErrorPx";
    public static final String MAX_ERROR = "maxErrorPx";
    public static final String PCK = "pck005";
    public static final String MEAN_SCORE = "meanScore";
    public static final String P50_LATENCY = "p50LatencyMs";

    /** Every headline metric in display order, with whether a larger value is better and whether it is a share. */
    public static final List<MetricInfo> METRICS = List.of(
            new MetricInfo(MEAN_ERROR, "Mean error (px)", false),
            new MetricInfo(MAX_ERROR, "Max error (px)", false),
            new MetricInfo(PCK, "PCK@0.05", true, true),
            new MetricInfo(MEAN_SCORE, "Mean score", true, true),
            new MetricInfo(P50_LATENCY, "p50 latency (ms)", false));

    /**
     * @param fraction a share between 0 and 1 (PCK, a score), so that a chart's axis runs 0 to 1; other metrics are
     *                 non-negative amounts (pixels, milliseconds)
     */
    public record MetricInfo(String name, String label, boolean higherIsBetter, boolean fraction) {

        public MetricInfo(String name, String label, boolean higherIsBetter) {
            this(name, label, higherIsBetter, false);
        }
    }

    /**
     * One image's result.
     *
     * @param error why the image could not be evaluated (then the numbers are 0), else null
     */
    public record ImageResult(String image, int width, int height, double meanErrorPx, double maxErrorPx,
            double pck005, double meanScore, double latencyMs, @org.jspecify.annotations.Nullable String error) {
    }

    public EvaluationReport {
        images = List.copyOf(images);
    }

    /** The headline metrics as the registry stores them (plain decimals, see {@link HeadlineMetrics}). */
    public Map<String, String> headlineMetrics() {
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put(MEAN_ERROR, format(meanErrorPx, 2));
        metrics.put(MAX_ERROR, format(maxErrorPx, 2));
        metrics.put(PCK, format(pck005, 3));
        metrics.put(MEAN_SCORE, format(meanScore, 3));
        metrics.put(P50_LATENCY, format(p50LatencyMs, 1));
        return metrics;
    }

    /** {@code value} with {@code decimals} decimals, a point as separator (how metrics are stored and shown). */
    public static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
