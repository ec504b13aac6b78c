package com.poseops.monitoring.local;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The numbers of hours that can no longer change, remembered so that a long range (the 7-day view: 168 hour buckets
 * per variant, two histograms each) reads and merges only its newest hours from DynamoDB once it has been shown. An
 * hour is closed when the recorder has written its bucket for the last time: it keeps a bucket in memory for
 * {@link MetricsRecorder#KEEP_AFTER_END} after its end (late samples) and flushes every
 * {@link InvocationRecorder#FLUSH_INTERVAL}. What is kept per hour is small (the chart's values and the per-minute
 * latency sums, about 1.5 kB), for one set of variants; the least recently used hours go first beyond
 * {@link #MAX_HOURS}, and an hour whose items have expired (retention, DynamoDB TTL) is not used.
 */
final class ClosedHours {

    /** Two variants' worth of the longest retention in hours (455 days), and a bound on memory (a few MB). */
    static final int MAX_HOURS = 4096;
    static final Duration SETTLED_AFTER = MetricsRecorder.KEEP_AFTER_END.plus(InvocationRecorder.FLUSH_INTERVAL)
            .plusMinutes(1);

    /**
     * One closed hour of a set of variants.
     *
     * @param values     the chart's values of the hour, null when no variant had a bucket
     * @param minuteSums per-minute model latency sums (µs) over the variants, null when a bucket lacked them
     * @param expiresAt  epoch second at which the first of its buckets expires ({@link Long#MAX_VALUE}: never)
     */
    record Hour(LocalMetricsSource.@Nullable PeriodValues values, long latencySumMicros, long invocations,
            long @Nullable [] minuteSums, long @Nullable [] minuteCounts, long expiresAt) {
    }

    private record Key(String endpointName, String variants, Instant start) {
    }

    private final Map<Key, Hour> hours = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Hour> eldest) {
            return size() > MAX_HOURS;
        }
    };

    /** Whether the hour starting at {@code start} is closed at {@code now}. */
    static boolean closed(Instant start, Instant now) {
        return !start.plus(MetricsBucket.Granularity.HOUR.length).plus(SETTLED_AFTER).isAfter(now);
    }

    synchronized @Nullable Hour get(String endpointName, String variants, Instant start, Instant now) {
        Hour hour = hours.get(new Key(endpointName, variants, start));
        if (hour != null && hour.expiresAt() <= now.getEpochSecond()) {
            hours.remove(new Key(endpointName, variants, start));
            return null;
        }
        return hour;
    }

    synchronized void put(String endpointName, String variants, Instant start, Hour hour) {
        hours.put(new Key(endpointName, variants, start), hour);
    }

    synchronized int size() {
        return hours.size();
    }
}
