package com.poseops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a Monitoring page shows: a range (relative to now, or custom) and a variant (null: all). Pages with equal
 * requests share one fetch per refresh.
 */
public record MonitoringRequest(TimeRange range, @Nullable Instant customFrom, @Nullable Instant customTo,
        @Nullable String variant) {

    /** The longest custom range (CloudWatch's 1-hour data goes back 455 days). */
    public static final Duration MAX_CUSTOM_RANGE = Duration.ofDays(455);

    public MonitoringRequest {
        Objects.requireNonNull(range, "range");
        if (range == TimeRange.CUSTOM) {
            if (customFrom == null || customTo == null) {
                throw new IllegalArgumentException("Choose both a start and an end for a custom range.");
            }
            if (!customFrom.isBefore(customTo)) {
                throw new IllegalArgumentException("The start of the range must be before its end.");
            }
            if (Duration.between(customFrom, customTo).compareTo(MAX_CUSTOM_RANGE) > 0) {
                throw new IllegalArgumentException("A range can be at most " + MAX_CUSTOM_RANGE.toDays()
                        + " days long (CloudWatch keeps hourly data that long).");
            }
        }
    }

    public static MonitoringRequest last(TimeRange range, @Nullable String variant) {
        return new MonitoringRequest(range, null, null, variant);
    }

    /** The query for this request at {@code now}: the range in whole periods of the period that fits it. */
    public MetricQuery resolve(String endpointName, Instant now) {
        Instant from = range == TimeRange.CUSTOM ? Objects.requireNonNull(customFrom) : now.minus(range.length());
        Instant to = range == TimeRange.CUSTOM ? Objects.requireNonNull(customTo) : now;
        Duration period = MetricPeriods.forRange(from, to, now);
        Instant alignedFrom = MetricPeriods.floor(from, period);
        Instant alignedTo = MetricPeriods.ceil(to, period);
        if (!alignedFrom.isBefore(alignedTo)) {
            alignedTo = alignedFrom.plus(period);
        }
        return new MetricQuery(endpointName, alignedFrom, alignedTo, period, variant);
    }
}
