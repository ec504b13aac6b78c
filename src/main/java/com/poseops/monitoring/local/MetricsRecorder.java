package com.poseops.monitoring.local;

import com.poseops.monitoring.MetricPeriods;
import com.poseops.monitoring.local.MetricsBucket.Granularity;
import com.poseops.platform.persistence.SortableInstant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds samples to the buckets of their minute and hour, per variant, and writes the buckets that changed to DynamoDB
 * on {@link #flush()} (called on a fixed interval and at shutdown). A bucket that an earlier run of the console
 * already stored is read once and added to before its first write, so a restart in the middle of a minute loses
 * nothing that was flushed. A failed write keeps the bucket for the next flush.
 */
public class MetricsRecorder {

    private static final Logger log = LoggerFactory.getLogger(MetricsRecorder.class);
    /** Buckets stay in memory this long after they end, for late samples (a request that started earlier). */
    static final Duration KEEP_AFTER_END = Duration.ofMinutes(2);

    private final LocalMetricsStore store;
    private final String endpointName;
    private final Duration retention;
    private final Clock clock;
    private final Map<BucketKey, Entry> buckets = new HashMap<>();
    private final Map<String, Instant> variantsMarkedUntil = new HashMap<>();
    private final Set<String> variantsSeen = new HashSet<>();

    public MetricsRecorder(LocalMetricsStore store, String endpointName, Duration retention, Clock clock) {
        this.store = store;
        this.endpointName = endpointName;
        this.retention = retention;
        this.clock = clock;
    }

    private record BucketKey(String variant, Granularity granularity, Instant start) {
    }

    private static final class Entry {
        final MetricsBucket bucket;
        boolean loaded;
        long version;
        long flushedVersion;

        Entry(MetricsBucket bucket) {
            this.bucket = bucket;
        }
    }

    synchronized void record(InvocationSample sample) {
        for (Granularity granularity : Granularity.values()) {
            Entry entry = entry(sample.variant(), granularity, sample.at());
            entry.bucket.add(sample);
            entry.version++;
        }
        variantsSeen.add(sample.variant());
    }

    synchronized void record(ResourceSample sample) {
        for (Granularity granularity : Granularity.values()) {
            Entry entry = entry(sample.variant(), granularity, sample.at());
            entry.bucket.addResources(sample);
            entry.version++;
        }
        variantsSeen.add(sample.variant());
    }

    /** Writes every bucket that changed since the last flush; returns how many were written. */
    public int flush() {
        List<BucketKey> toLoad;
        synchronized (this) {
            toLoad = buckets.entrySet().stream()
                    .filter(e -> !e.getValue().loaded && e.getValue().version != e.getValue().flushedVersion)
                    .map(Map.Entry::getKey).toList();
        }
        for (BucketKey key : toLoad) {
            Optional<MetricsItem> stored = store.get(partition(key), key.start());
            synchronized (this) {
                Entry entry = buckets.get(key);
                if (entry != null && !entry.loaded) {
                    stored.ifPresent(entry.bucket::merge);
                    entry.loaded = true;
                }
            }
        }
        record Write(BucketKey key, MetricsItem item, long version) {
        }
        List<Write> writes = new ArrayList<>();
        synchronized (this) {
            buckets.forEach((key, entry) -> {
                if (entry.loaded && entry.version != entry.flushedVersion) {
                    writes.add(new Write(key, entry.bucket.toItem(partition(key), SortableInstant.format(key.start()),
                            expiresAt(entry.bucket.end())), entry.version));
                }
            });
        }
        int written = 0;
        for (Write write : writes) {
            try {
                store.put(write.item());
                written++;
                synchronized (this) {
                    Entry entry = buckets.get(write.key());
                    if (entry != null) {
                        entry.flushedVersion = Math.max(entry.flushedVersion, write.version());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Could not store the metrics of {} {} (kept for the next try): {}", write.key().variant(),
                        write.key().start(), e.toString());
            }
        }
        markVariants();
        forgetFinishedBuckets();
        return written;
    }

    private void markVariants() {
        Instant now = clock.instant();
        List<String> due;
        synchronized (this) {
            due = variantsSeen.stream()
                    .filter(v -> variantsMarkedUntil.getOrDefault(v, Instant.MIN).isBefore(now.plus(retention)
                            .minus(Duration.ofHours(1))))
                    .toList();
        }
        for (String variant : due) {
            Instant until = now.plus(retention);
            try {
                store.markVariant(endpointName, variant, until.getEpochSecond());
                synchronized (this) {
                    variantsMarkedUntil.put(variant, until);
                }
            } catch (RuntimeException e) {
                log.warn("Could not store variant {} of the metrics: {}", variant, e.toString());
            }
        }
    }

    private synchronized void forgetFinishedBuckets() {
        Instant now = clock.instant();
        buckets.values().removeIf(entry -> entry.version == entry.flushedVersion
                && entry.bucket.end().plus(KEEP_AFTER_END).isBefore(now));
    }

    private Entry entry(String variant, Granularity granularity, Instant at) {
        Instant start = MetricPeriods.floor(at, granularity.length);
        return buckets.computeIfAbsent(new BucketKey(variant, granularity, start),
                key -> new Entry(new MetricsBucket(granularity, start)));
    }

    private String partition(BucketKey key) {
        return LocalMetricsStore.partition(endpointName, key.variant(), key.granularity());
    }

    private long expiresAt(Instant bucketEnd) {
        return bucketEnd.plus(retention).getEpochSecond();
    }
}
