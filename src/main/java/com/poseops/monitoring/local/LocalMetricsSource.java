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
import software.amazon.awssdk.core.exception.SdkException;

/**
 * local mode's metrics: the buckets the {@link MetricsRecorder} stored, merged into the query's periods. Ranges with
 * periods of an hour or more read the hour buckets (168 per variant for a week), shorter periods the minute buckets.
 * Percentiles come from the merged histograms; averages from exact sums; counts are sums. Over all variants, CPU and
 * memory add up (the endpoint's processes together), disk is the fullest file system.
 */
public class LocalMetricsSource implements MetricsSource {

    private final LocalMetricsStore store;
    private final Clock clock;

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
            List<String> known = store.variants(query.endpointName());
            List<String> variants = query.variant() == null ? known : List.of(query.variant());
            Granularity granularity = query.period().compareTo(Granularity.HOUR.length) >= 0
                    ? Granularity.HOUR : Granularity.MINUTE;
            Duration violationPeriod = MetricPeriods.forViolations(query.from(), clock.instant(), query.period());
            TreeMap<Instant, Period> periods = new TreeMap<>();
            TreeMap<Instant, long[]> minutes = new TreeMap<>();
            for (String variant : variants) {
                Map<Instant, Period> ofVariant = new TreeMap<>();
                for (MetricsItem item : store.buckets(query.endpointName(), variant, granularity, query.from(),
                        query.to())) {
                    Instant start = SortableInstant.parse(item.getSk());
                    ofVariant.computeIfAbsent(MetricPeriods.floor(start, query.period()), Period::new).add(item);
                    addMinutes(minutes, item, start, granularity, violationPeriod);
                }
                ofVariant.forEach((start, period) -> periods.merge(start, period, Period::combineVariants));
            }
            return result(query, periods, minutes, known);
        } catch (SdkException e) {
            throw new MetricsUnavailableException("The local metrics could not be read from DynamoDB Local ("
                    + e.getMessage() + ") — check the System page; the numbers come back once it answers.", e);
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

    private MetricsResult result(MetricQuery query, TreeMap<Instant, Period> periods, TreeMap<Instant, long[]> minutes,
            List<String> variants) {
        Map<MetricSeries, List<MetricPoint>> series = new EnumMap<>(MetricSeries.class);
        for (MetricSeries s : MetricSeries.values()) {
            series.put(s, new ArrayList<>());
        }
        periods.forEach((start, p) -> {
            if (p.invocations > 0) {
                add(series, MetricSeries.INVOCATIONS, start, p.invocations);
                add(series, MetricSeries.ERRORS_4XX, start, p.errors4xx);
                add(series, MetricSeries.ERRORS_5XX, start, p.errors5xx);
                add(series, MetricSeries.MODEL_LATENCY_P50, start, LatencyHistograms.percentileMillis(p.model, 50));
                add(series, MetricSeries.MODEL_LATENCY_P90, start, LatencyHistograms.percentileMillis(p.model, 90));
                add(series, MetricSeries.MODEL_LATENCY_P99, start, LatencyHistograms.percentileMillis(p.model, 99));
                add(series, MetricSeries.MODEL_LATENCY_AVERAGE, start, p.modelSum / 1000.0 / p.invocations);
                add(series, MetricSeries.OVERHEAD_LATENCY_P50, start,
                        LatencyHistograms.percentileMillis(p.overhead, 50));
                add(series, MetricSeries.OVERHEAD_LATENCY_P90, start,
                        LatencyHistograms.percentileMillis(p.overhead, 90));
                add(series, MetricSeries.OVERHEAD_LATENCY_P99, start,
                        LatencyHistograms.percentileMillis(p.overhead, 99));
                add(series, MetricSeries.OVERHEAD_LATENCY_AVERAGE, start, p.overheadSum / 1000.0 / p.invocations);
            }
            if (p.resourceSamplesSeen) {
                add(series, MetricSeries.CPU_UTILIZATION, start, p.cpu);
                add(series, MetricSeries.MEMORY_UTILIZATION, start, p.memory);
                add(series, MetricSeries.DISK_UTILIZATION, start, p.disk);
            }
        });
        List<MetricsResult.MinuteLatency> minuteLatency = new ArrayList<>();
        minutes.forEach((minute, m) -> minuteLatency.add(
                new MetricsResult.MinuteLatency(minute, m[0] / 1000.0 / m[1], m[1])));
        return new MetricsResult(query, series, minuteLatency, variants, clock.instant());
    }

    private static void add(Map<MetricSeries, List<MetricPoint>> series, MetricSeries which, Instant start,
            double value) {
        series.get(which).add(new MetricPoint(start, value));
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

        Period(Instant start) {
        }

        void add(MetricsItem item) {
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
        static Period combineVariants(Period a, Period b) {
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
