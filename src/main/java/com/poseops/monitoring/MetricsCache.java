package com.poseops.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares fetches of the {@link MetricsSource}: one fetch per distinct query per refresh interval, however many pages
 * (or the violation watcher) ask, and callers that ask while a fetch is under way wait for that one. A failed fetch is
 * not kept: the next caller asks again.
 */
final class MetricsCache {

    private final MetricsSource source;
    private final Clock clock;
    private final Duration freshFor;
    private final Map<MetricQuery, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(CompletableFuture<MetricsResult> result, Instant startedAt) {
    }

    MetricsCache(MetricsSource source, Clock clock, Duration freshFor) {
        this.source = source;
        this.clock = clock;
        this.freshFor = freshFor;
    }

    /**
     * @throws MetricsUnavailableException when the source fails (the failure is not cached)
     */
    MetricsResult get(MetricQuery query) {
        Instant now = clock.instant();
        CompletableFuture<MetricsResult> mine = new CompletableFuture<>();
        Entry entry = entries.compute(query, (key, existing) -> existing != null
                && (!existing.result().isDone() || existing.startedAt().plus(freshFor).isAfter(now))
                ? existing : new Entry(mine, now));
        if (entry.result() == mine) {
            try {
                mine.complete(source.fetch(query));
            } catch (RuntimeException e) {
                entries.remove(query, entry);
                mine.completeExceptionally(e);
                throw e;
            }
        }
        try {
            return entry.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Forgets results older than the refresh interval (called once per refresh). */
    void evictStale() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.result().isDone() && !e.startedAt().plus(freshFor).isAfter(now));
    }

    int size() {
        return entries.size();
    }
}
