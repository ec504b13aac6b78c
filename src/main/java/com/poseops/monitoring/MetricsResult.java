package com.poseops.monitoring;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to a {@link MetricQuery}: every {@link MetricSeries} (periods without data have no point), plus the
 * average model latency of every minute of the range — the numbers the threshold rule looks at, whatever the chart's
 * period (a violation is a minute whose average latency is above the threshold).
 *
 * @param variants the variants that have data in the range (or are known to the endpoint), for the filter
 */
public record MetricsResult(MetricQuery query, Map<MetricSeries, List<MetricPoint>> series,
        List<MinuteLatency> minuteLatency, List<String> variants, Instant fetchedAt) {

    public MetricsResult {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        EnumMap<MetricSeries, List<MetricPoint>> copy = new EnumMap<>(MetricSeries.class);
        for (MetricSeries s : MetricSeries.values()) {
            copy.put(s, List.copyOf(series.getOrDefault(s, List.of())));
        }
        series = java.util.Collections.unmodifiableMap(copy);
        minuteLatency = List.copyOf(minuteLatency);
        variants = List.copyOf(variants);
    }

    public List<MetricPoint> points(MetricSeries which) {
        return series.get(which);
    }

    /** Whether any request was seen in the range. */
    public boolean hasTraffic() {
        return points(MetricSeries.INVOCATIONS).stream().anyMatch(p -> p.value() > 0)
                || !points(MetricSeries.MODEL_LATENCY_AVERAGE).isEmpty();
    }

    /** Whether anything at all was measured in the range (traffic or resource samples). */
    public boolean isEmpty() {
        return series.values().stream().allMatch(List::isEmpty);
    }

    /** The average model latency of one minute, in milliseconds, and how many requests it is over. */
    public record MinuteLatency(Instant minute, double averageMillis, long invocations) {
    }
}
