package com.poseops.registry;

import com.poseops.registry.EvaluationReport.MetricInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A version's headline metrics against those of the serving model: the difference and whether it is better. */
public final class MetricComparison {

    public enum Verdict {
        BETTER, WORSE, SAME
    }

    /** {@code delta} = version − serving. */
    public record Delta(MetricInfo metric, double delta, Verdict verdict) {
    }

    private MetricComparison() {
    }

    /** The metrics both have and that parse as numbers, in {@link EvaluationReport#METRICS} order. */
    public static List<Delta> compare(Map<String, String> version, Map<String, String> serving) {
        List<Delta> deltas = new ArrayList<>();
        for (MetricInfo metric : EvaluationReport.METRICS) {
            Double mine = number(version.get(metric.name()));
            Double theirs = number(serving.get(metric.name()));
            if (mine == null || theirs == null) {
                continue;
            }
            double delta = mine - theirs;
            Verdict verdict = Math.abs(delta) < 1e-9 ? Verdict.SAME
                    : (delta > 0) == metric.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
            deltas.add(new Delta(metric, delta, verdict));
        }
        return deltas;
    }

    public static @org.jspecify.annotations.Nullable Double number(@org.jspecify.annotations.Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
