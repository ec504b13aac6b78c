package com.poseops.monitoring.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;

/**
 * One variant's minute or hour being recorded, in memory: counts, exact latency sums (for averages), latency
 * histograms (for percentiles) and resource samples. An hour bucket also keeps each of its minutes' latency sum and
 * count, so that the threshold rule can look at single minutes over a week from 168 items per variant. Not
 * thread-safe: the {@link MetricsRecorder} guards it.
 */
final class MetricsBucket {

    static final int MINUTES_PER_HOUR = 60;

    final Granularity granularity;
    final Instant start;
    long invocations;
    long errors4xx;
    long errors5xx;
    long modelLatencySumMicros;
    long overheadLatencySumMicros;
    final Histogram modelLatency = LatencyHistograms.empty();
    final Histogram overheadLatency = LatencyHistograms.empty();
    double cpuPercentSum;
    double memoryPercentSum;
    double diskPercentSum;
    long resourceSamples;
    final long @Nullable [] minuteLatencySumsMicros;
    final long @Nullable [] minuteInvocations;

    MetricsBucket(Granularity granularity, Instant start) {
        this.granularity = granularity;
        this.start = start;
        boolean hour = granularity == Granularity.HOUR;
        this.minuteLatencySumsMicros = hour ? new long[MINUTES_PER_HOUR] : null;
        this.minuteInvocations = hour ? new long[MINUTES_PER_HOUR] : null;
    }

    enum Granularity {
        MINUTE(Duration.ofMinutes(1), "minute"), HOUR(Duration.ofHours(1), "hour");

        final Duration length;
        final String key;

        Granularity(Duration length, String key) {
            this.length = length;
            this.key = key;
        }
    }

    void add(InvocationSample sample) {
        invocations++;
        if (sample.statusCode() >= 400 && sample.statusCode() < 500) {
            errors4xx++;
        } else if (sample.statusCode() >= 500) {
            errors5xx++;
        }
        modelLatencySumMicros += sample.modelLatencyMicros();
        overheadLatencySumMicros += sample.overheadLatencyMicros();
        LatencyHistograms.record(modelLatency, sample.modelLatencyMicros());
        LatencyHistograms.record(overheadLatency, sample.overheadLatencyMicros());
        if (minuteLatencySumsMicros != null && minuteInvocations != null) {
            int minute = minuteOfHour(sample.at());
            minuteLatencySumsMicros[minute] += sample.modelLatencyMicros();
            minuteInvocations[minute]++;
        }
    }

    void addResources(ResourceSample sample) {
        cpuPercentSum += sample.cpuPercent();
        memoryPercentSum += sample.memoryPercent();
        diskPercentSum += sample.diskPercent();
        resourceSamples++;
    }

    /** Adds what an earlier run of the console stored for this bucket (read once, before the first write). */
    void merge(MetricsItem stored) {
        invocations += stored.getInvocations();
        errors4xx += stored.getErrors4xx();
        errors5xx += stored.getErrors5xx();
        modelLatencySumMicros += stored.getModelLatencySumMicros();
        overheadLatencySumMicros += stored.getOverheadLatencySumMicros();
        if (stored.getModelLatency() != null) {
            LatencyHistograms.mergeEncoded(modelLatency, stored.getModelLatency().asByteArray());
        }
        if (stored.getOverheadLatency() != null) {
            LatencyHistograms.mergeEncoded(overheadLatency, stored.getOverheadLatency().asByteArray());
        }
        cpuPercentSum += stored.getCpuPercentSum();
        memoryPercentSum += stored.getMemoryPercentSum();
        diskPercentSum += stored.getDiskPercentSum();
        resourceSamples += stored.getResourceSamples();
        addAll(minuteLatencySumsMicros, stored.getMinuteLatencySumsMicros());
        addAll(minuteInvocations, stored.getMinuteInvocations());
    }

    MetricsItem toItem(String partitionKey, String sortKey, long expiresAtEpochSecond) {
        MetricsItem item = new MetricsItem();
        item.setPk(partitionKey);
        item.setSk(sortKey);
        item.setInvocations(invocations);
        item.setErrors4xx(errors4xx);
        item.setErrors5xx(errors5xx);
        item.setModelLatencySumMicros(modelLatencySumMicros);
        item.setOverheadLatencySumMicros(overheadLatencySumMicros);
        if (invocations > 0) {
            item.setModelLatency(SdkBytes.fromByteArray(LatencyHistograms.encode(modelLatency)));
            item.setOverheadLatency(SdkBytes.fromByteArray(LatencyHistograms.encode(overheadLatency)));
        }
        item.setCpuPercentSum(cpuPercentSum);
        item.setMemoryPercentSum(memoryPercentSum);
        item.setDiskPercentSum(diskPercentSum);
        item.setResourceSamples(resourceSamples);
        if (minuteLatencySumsMicros != null && minuteInvocations != null) {
            item.setMinuteLatencySumsMicros(list(minuteLatencySumsMicros));
            item.setMinuteInvocations(list(minuteInvocations));
        }
        item.setExpiresAt(expiresAtEpochSecond);
        return item;
    }

    Instant end() {
        return start.plus(granularity.length);
    }

    private int minuteOfHour(Instant at) {
        long minute = Duration.between(start, at).toMinutes();
        return (int) Math.max(0, Math.min(MINUTES_PER_HOUR - 1, minute));
    }

    private static void addAll(long @Nullable [] into, @Nullable List<Long> stored) {
        if (into == null || stored == null) {
            return;
        }
        for (int i = 0; i < Math.min(into.length, stored.size()); i++) {
            Long value = stored.get(i);
            into[i] += value == null ? 0 : value;
        }
    }

    private static List<Long> list(long[] values) {
        List<Long> list = new ArrayList<>(values.length);
        for (long value : values) {
            list.add(value);
        }
        return list;
    }
}
