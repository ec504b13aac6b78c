package com.poseops.monitoring.local;

import com.poseops.monitoring.MetricPeriods;
import com.poseops.monitoring.MetricPoint;
import com.poseops.monitoring.MetricQuery;
import com.poseops.monitoring.MetricSeries;
import com.poseops.monitoring.MetricsResult;
import com.poseops.monitoring.MetricsSource;
import com.poseops.monitoring.MetricsUnavailableException;
import com.poseops.monitoring.local.MetricsBucket.Granularity;
import com.poseops.platform.persistence.SortableInstant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * local mode's metrics: the buckets the {@link MetricsRecorder} stored, merged into the query's periods. Ranges with
 * periods of an hour or more read the hour buckets (168 per variant for a week), shorter periods the minute buckets.
 * Percentiles come from the merged histograms; averages from exact sums; counts are sums. Over all variants, CPU and
 * memory add up (the endpoint's processes together), disk is the fullest file system. With hourly periods, hours that
 * can no longer change are remembered ({@link ClosedHours}): a week shown again reads only its newest hours.
 */
public class LocalMetricsSource implements MetricsSource {

    private final LocalMetricsStore store;
    private final Clock clock;
    private final ClosedHours closedHours = new ClosedHours();

    public LocalMetricsSource(LocalMetricsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "PoseOps' local recorder (the front door's traffic and the variants' processes)";
    }

    @Override
    public MetricsResult fetch(MetricQuery query) {
        try {
            Instant now = clock.instant();
            List<String> known = store.variants(query.endpointName());
            List<String> variants = query.variant() == null ? known : List.of(query.variant());
            Granularity granularity = query.period().compareTo(Granularity.HOUR.length) >= 0
                    ? Granularity.HOUR : Granularity.MINUTE;
            Duration violationPeriod = MetricPeriods.forViolations(query.from(), now, query.period());
            boolean hourly = query.period().equals(Granularity.HOUR.length);
            String variantsKey = String.join(",", variants);
            TreeMap<Instant, PeriodValues> values = new TreeMap<>();
            TreeMap<Instant, long[]> minutes = new TreeMap<>();
            Instant readFrom = query.from();
            if (hourly) {
                readFrom = fromClosedHours(query, variantsKey, now, violationPeriod, values, minutes);
            }
            TreeMap<Instant, Period> periods = new TreeMap<>();
            for (String variant : variants) {
                Map<Instant, Period> ofVariant = new TreeMap<>();
                for (MetricsItem item : store.buckets(query.endpointName(), variant, granularity, readFrom,
                        query.to())) {
                    Instant start = SortableInstant.parse(item.getSk());
                    ofVariant.computeIfAbsent(MetricPeriods.floor(start, query.period()), Period::new).add(item);
                    addMinutes(minutes, item, start, granularity, violationPeriod);
                }
                ofVariant.forEach((start, period) -> periods.merge(start, period, Period::combineVariants));
            }
            periods.forEach((start, period) -> values.put(start, period.values()));
            if (hourly) {
                rememberClosedHours(query, variantsKey, readFrom, now, periods, values);
            }
            return result(query, values, minutes, known, now);
        } catch (SdkException e) {
            throw new MetricsUnavailableException("The local metrics could not be read from DynamoDB Local ("
                    + e.getMessage() + ") — check the System page; the numbers come back once it answers.", e);
        }
    }

    /**
     * Takes the query's first hours from the closed hours remembered, up to the first one that is not; returns where
     * reading DynamoDB must start.
     */
    private Instant fromClosedHours(MetricQuery query, String variantsKey, Instant now, Duration violationPeriod,
            TreeMap<Instant, PeriodValues> values, TreeMap<Instant, long[]> minutes) {
        Instant hour = MetricPeriods.ceil(query.from(), Granularity.HOUR.length);
        for (; hour.isBefore(query.to()) && ClosedHours.closed(hour, now); hour = hour.plus(Granularity.HOUR.length)) {
            ClosedHours.Hour known = closedHours.get(query.endpointName(), variantsKey, hour, now);
            if (known == null) {
                break;
            }
            if (known.values() != null) {
                values.put(hour, known.values());
            }
            addMinutes(minutes, hour, known, violationPeriod);
        }
        return hour.isAfter(query.from()) ? hour : query.from();
    }

    /** Remembers every closed hour that was read (also those without data). */
    private void rememberClosedHours(MetricQuery query, String variantsKey, Instant readFrom, Instant now,
            TreeMap<Instant, Period> periods, TreeMap<Instant, PeriodValues> values) {
        for (Instant hour = MetricPeriods.ceil(readFrom, Granularity.HOUR.length);
                hour.isBefore(query.to()) && ClosedHours.closed(hour, now);
                hour = hour.plus(Granularity.HOUR.length)) {
            Period period = periods.get(hour);
            closedHours.put(query.endpointName(), variantsKey, hour, period == null
                    ? new ClosedHours.Hour(null, 0, 0, null, null, Long.MAX_VALUE)
                    : new ClosedHours.Hour(values.get(hour), period.modelSum, period.invocations, period.minuteSums,
                            period.minuteCounts, period.expiresAt));
        }
    }

    private static void addMinutes(TreeMap<Instant, long[]> minutes, Instant hour, ClosedHours.Hour known,
            Duration violationPeriod) {
        if (violationPeriod.equals(MetricPeriods.MINUTE) && known.minuteSums() != null
                && known.minuteCounts() != null) {
            for (int i = 0; i < known.minuteCounts().length; i++) {
                if (known.minuteCounts()[i] > 0) {
                    long[] m = minutes.computeIfAbsent(hour.plus(Duration.ofMinutes(i)), t -> new long[2]);
                    m[0] += known.minuteSums()[i];
                    m[1] += known.minuteCounts()[i];
                }
            }
        } else if (known.invocations() > 0) {
            long[] m = minutes.computeIfAbsent(MetricPeriods.floor(hour, violationPeriod), t -> new long[2]);
            m[0] += known.latencySumMicros();
            m[1] += known.invocations();
        }
    }

    private static void addMinutes(TreeMap<Instant, long[]> minutes, MetricsItem item, Instant start,
            Granularity granularity, Duration violationPeriod) {
        if (granularity == Granularity.HOUR && violationPeriod.equals(MetricPeriods.MINUTE)
                && item.getMinuteInvocations() != null && item.getMinuteLatencySumsMicros() != null) {
            List<Long> counts = item.getMinuteInvocations();
            List<Long> sums = item.getMinuteLatencySumsMicros();
            for (int i = 0; i < Math.min(counts.size(), sums.size()); i++) {
                if (counts.get(i) > 0) {
                    long[] m = minutes.computeIfAbsent(start.plus(Duration.ofMinutes(i)), t -> new long[2]);
                    m[0] += sums.get(i);
                    m[1] += counts.get(i);
                }
            }
        } else if (item.getInvocations() > 0) {
            long[] m = minutes.computeIfAbsent(MetricPeriods.floor(start, violationPeriod), t -> new long[2]);
            m[0] += item.getModelLatencySumMicros();
            m[1] += item.getInvocations();
        }
    }

    private static MetricsResult result(MetricQuery query, TreeMap<Instant, PeriodValues> values,
            TreeMap<Instant, long[]> minutes, List<String> variants, Instant now) {
        Map<MetricSeries, List<MetricPoint>> series = new EnumMap<>(MetricSeries.class);
        for (MetricSeries s : MetricSeries.values()) {
            series.put(s, new ArrayList<>());
        }
        values.forEach((start, v) -> {
            if (v.invocations() > 0) {
                add(series, MetricSeries.INVOCATIONS, start, v.invocations());
                add(series, MetricSeries.ERRORS_4XX, start, v.errors4xx());
                add(series, MetricSeries.ERRORS_5XX, start, v.errors5xx());
                add(series, MetricSeries.MODEL_LATENCY_P50, start, v.modelP50());
                add(series, MetricSeries.MODEL_LATENCY_P90, start, v.modelP90());
                add(series, MetricSeries.MODEL_LATENCY_P99, start, v.modelP99());
                add(series, MetricSeries.MODEL_LATENCY_AVERAGE, start, v.modelAverage());
                add(series, MetricSeries.OVERHEAD_LATENCY_P50, start, v.overheadP50());
                add(series, MetricSeries.OVERHEAD_LATENCY_P90, start, v.overheadP90());
                add(series, MetricSeries.OVERHEAD_LATENCY_P99, start, v.overheadP99());
                add(series, MetricSeries.OVERHEAD_LATENCY_AVERAGE, start, v.overheadAverage());
            }
            if (v.resourceSamplesSeen()) {
                add(series, MetricSeries.CPU_UTILIZATION, start, v.cpu());
                add(series, MetricSeries.MEMORY_UTILIZATION, start, v.memory());
                add(series, MetricSeries.DISK_UTILIZATION, start, v.disk());
            }
        });
        List<MetricsResult.MinuteLatency> minuteLatency = new ArrayList<>();
        minutes.forEach((minute, m) -> minuteLatency.add(
                new MetricsResult.MinuteLatency(minute, m[0] / 1000.0 / m[1], m[1])));
        return new MetricsResult(query, series, minuteLatency, variants, now);
    }

    private static void add(Map<MetricSeries, List<MetricPoint>> series, MetricSeries which, Instant start,
            double value) {
        series.get(which).add(new MetricPoint(start, value));
    }

    /** One period's numbers as the charts show them (latencies in ms). */
    record PeriodValues(long invocations, long errors4xx, long errors5xx, double modelP50, double modelP90,
            double modelP99, double modelAverage, double overheadP50, double overheadP90, double overheadP99,
            double overheadAverage, boolean resourceSamplesSeen, double cpu, double memory, double disk) {
    }

    /** One period of the query: merged buckets of one variant, then (for all variants) combined. */
    private static final class Period {
        long invocations;
        long errors4xx;
        long errors5xx;
        long modelSum;
        long overheadSum;
        final Histogram model = LatencyHistograms.empty();
        final Histogram overhead = LatencyHistograms.empty();
        double cpuSum;
        double memorySum;
        double diskSum;
        long samples;
        boolean resourceSamplesSeen;
        double cpu;
        double memory;
        double disk;
        /** Per-minute latency sums and counts of hour buckets (null when a bucket lacked them). */
        long @Nullable [] minuteSums = new long[60];
        long @Nullable [] minuteCounts = new long[60];
        long expiresAt = Long.MAX_VALUE;

        Period(Instant start) {
        }

        PeriodValues values() {
            return invocations == 0
                    ? new PeriodValues(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, resourceSamplesSeen, cpu, memory, disk)
                    : new PeriodValues(invocations, errors4xx, errors5xx,
                            LatencyHistograms.percentileMillis(model, 50),
                            LatencyHistograms.percentileMillis(model, 90),
                            LatencyHistograms.percentileMillis(model, 99), modelSum / 1000.0 / invocations,
                            LatencyHistograms.percentileMillis(overhead, 50),
                            LatencyHistograms.percentileMillis(overhead, 90),
                            LatencyHistograms.percentileMillis(overhead, 99), overheadSum / 1000.0 / invocations,
                            resourceSamplesSeen, cpu, memory, disk);
        }

        void add(MetricsItem item) {
            if (item.getExpiresAt() != null) {
                expiresAt = Math.min(expiresAt, item.getExpiresAt());
            }
            addMinutes(item.getMinuteLatencySumsMicros(), item.getMinuteInvocations());
            invocations += item.getInvocations();
            errors4xx += item.getErrors4xx();
            errors5xx += item.getErrors5xx();
            modelSum += item.getModelLatencySumMicros();
            overheadSum += item.getOverheadLatencySumMicros();
            if (item.getModelLatency() != null) {
                LatencyHistograms.mergeEncoded(model, item.getModelLatency().asByteArray());
            }
            if (item.getOverheadLatency() != null) {
                LatencyHistograms.mergeEncoded(overhead, item.getOverheadLatency().asByteArray());
            }
            cpuSum += item.getCpuPercentSum();
            memorySum += item.getMemoryPercentSum();
            diskSum += item.getDiskPercentSum();
            samples += item.getResourceSamples();
            if (samples > 0) {
                resourceSamplesSeen = true;
                cpu = cpuSum / samples;
                memory = memorySum / samples;
                disk = diskSum / samples;
            }
        }

        /** Two variants' numbers for the same period: counts, sums and histograms add; CPU and memory add up. */
        private void addMinutes(@Nullable List<Long> sums, @Nullable List<Long> counts) {
            if (minuteSums == null || minuteCounts == null) {
                return;
            }
            if (sums == null || counts == null) {
                minuteSums = null;
                minuteCounts = null;
                return;
            }
            for (int i = 0; i < Math.min(minuteSums.length, Math.min(sums.size(), counts.size())); i++) {
                minuteSums[i] += sums.get(i);
                minuteCounts[i] += counts.get(i);
            }
        }

        static Period combineVariants(Period a, Period b) {
            a.expiresAt = Math.min(a.expiresAt, b.expiresAt);
            if (b.minuteSums == null || b.minuteCounts == null) {
                a.minuteSums = null;
                a.minuteCounts = null;
            } else if (a.minuteSums != null && a.minuteCounts != null) {
                for (int i = 0; i < a.minuteSums.length; i++) {
                    a.minuteSums[i] += b.minuteSums[i];
                    a.minuteCounts[i] += b.minuteCounts[i];
                }
            }
            a.invocations += b.invocations;
            a.errors4xx += b.errors4xx;
            a.errors5xx += b.errors5xx;
            a.modelSum += b.modelSum;
            a.overheadSum += b.overheadSum;
            a.model.add(b.model);
            a.overhead.add(b.overhead);
            if (b.resourceSamplesSeen) {
                a.cpu = (a.resourceSamplesSeen ? a.cpu : 0) + b.cpu;
                a.memory = (a.resourceSamplesSeen ? a.memory : 0) + b.memory;
                a.disk = Math.max(a.resourceSamplesSeen ? a.disk : 0, b.disk);
                a.resourceSamplesSeen = true;
            }
            return a;
        }
    }
}
