package com.poseops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a view asks the {@link MetricsSource}: the series over [from, to) in periods of {@code period}, for one variant
 * or all of them. {@code from} and {@code to} are whole periods (see {@link MetricPeriods#align}), so that views asking
 * for the same range at the same moment share one query and one cached result.
 *
 * @param variant the production variant, or null for the whole endpoint
 */
public record MetricQuery(String endpointName, Instant from, Instant to, Duration period, @Nullable String variant) {

    public MetricQuery {
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(period, "period");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
        if (period.toSeconds() < 60 || period.toSeconds() % 60 != 0) {
            throw new IllegalArgumentException("period must be whole minutes, got " + period);
        }
    }
}
