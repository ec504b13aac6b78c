package com.poseops.inference.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics the trainer prints, one line per epoch, and the regexes that pick them out of its output: the job's
 * {@code MetricDefinitions} in aws mode and the local runner's scraping in local mode use these same definitions.
 * Names follow SageMaker's {@code <channel>:<metric>} habit, so train and validation of one metric share a chart.
 */
public final class TrainerMetrics {

    /** A metric definition as SageMaker takes it: the name and a regex whose first group is the value. */
    public record Definition(String name, String regex) {
    }

    private static final String NUMBER = "([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)";

    public static final String TRAIN_LOSS = "train:loss";
    public static final String TRAIN_ECE = "train:ece";
    public static final String VALIDATION_LOSS = "validation:loss";
    public static final String VALIDATION_ECE = "validation:ece";
    public static final String VALIDATION_BRIER = "validation:brier";
    public static final String HELD_OUT_ECE_BEFORE = "heldout:ece_before";
    public static final String HELD_OUT_ECE_AFTER = "heldout:ece_after";

    public static final List<Definition> DEFINITIONS = List.of(
            new Definition(TRAIN_LOSS, "train_loss=" + NUMBER),
            new Definition(TRAIN_ECE, "train_ece=" + NUMBER),
            new Definition(VALIDATION_LOSS, "validation_loss=" + NUMBER),
            new Definition(VALIDATION_ECE, "validation_ece=" + NUMBER),
            new Definition(VALIDATION_BRIER, "validation_brier=" + NUMBER),
            new Definition(HELD_OUT_ECE_BEFORE, "held_out_ece_before=" + NUMBER),
            new Definition(HELD_OUT_ECE_AFTER, "held_out_ece_after=" + NUMBER));

    private TrainerMetrics() {
    }

    /** The epoch line, e.g. {@code [epoch 3/60] train_loss=0.41230 train_ece=0.05100 validation_loss=…}. */
    static String epochLine(int epoch, int epochs, double trainLoss, double trainEce,
            Map<String, Double> validation) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", trainLoss);
        values.put("train_ece", trainEce);
        values.putAll(validation);
        StringBuilder line = new StringBuilder("[epoch ").append(epoch).append('/').append(epochs).append(']');
        values.forEach((key, value) -> line.append(' ').append(key).append('=')
                .append(String.format(Locale.ROOT, "%.5f", value)));
        return line.toString();
    }

    static String summaryLine(double eceBefore, double eceAfter, int bestEpoch) {
        return String.format(Locale.ROOT, "[done] best_epoch=%d held_out_ece_before=%.5f held_out_ece_after=%.5f",
                bestEpoch, eceBefore, eceAfter);
    }
}
