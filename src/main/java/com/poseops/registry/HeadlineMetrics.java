package com.poseops.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules for headline metrics, the same in every mode: at most {@value #MAX_COUNT} metrics; names of 1-100
 * ASCII letters, digits or {@code _ . : / = + @ -}; values of 1-256 letters, digits, spaces or the same symbols
 * (e.g. {@code 0.574}, {@code 13 ms}). These are what SageMaker's CustomerMetadataProperties accept, so a metric
 * that works locally also works in aws mode. Metrics come from evaluation code, not from people: a value outside the
 * rules is a bug and is refused rather than silently altered.
 */
public final class HeadlineMetrics {

    public static final int MAX_COUNT = 40;
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/=+@-]{1," + MAX_NAME_LENGTH + "}");
    private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{N}\\p{Zs}_.:/=+@-]{1," + MAX_VALUE_LENGTH + "}");

    private HeadlineMetrics() {
    }

    /** Checks the rules and returns an unmodifiable copy sorted by name. */
    public static Map<String, String> checked(Map<String, String> metrics) {
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must not be null (pass an empty map)");
        }
        if (metrics.size() > MAX_COUNT) {
            throw new IllegalArgumentException("At most " + MAX_COUNT + " headline metrics, got " + metrics.size());
        }
        metrics.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Metric name '" + name + "' must be 1-" + MAX_NAME_LENGTH
                        + " letters, digits or _ . : / = + @ -");
            }
            if (value == null || value.isBlank() || !VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("Metric " + name + " = '" + value + "' must be 1-" + MAX_VALUE_LENGTH
                        + " letters, digits, spaces or _ . : / = + @ - (e.g. 0.574 or 13 ms)");
            }
        });
        return sortedCopy(metrics);
    }

    static Map<String, String> sortedCopy(Map<String, String> metrics) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(metrics)));
    }
}
