package com.poseops.platform.events;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One metric of a model version beside the serving version's, as a notification shows it.
 *
 * @param label        what the metric is called on the page, e.g. {@code PCK@0.05}
 * @param value        the version's value as stored, e.g. {@code 0.950}
 * @param servingValue the serving version's value, or null when nothing serves or it lacks the metric
 * @param verdict      {@code better}, {@code worse} or {@code same} against the serving version, or null without one
 */
public record MetricLine(String label, String value, @Nullable String servingValue, @Nullable String verdict) {

    public MetricLine {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }

    /** {@code PCK@0.05: 0.950 (serving 0.900, better)}. */
    public String text() {
        return label + ": " + value + (servingValue == null ? "" : " (serving " + servingValue
                + (verdict == null ? "" : ", " + verdict) + ")");
    }
}
