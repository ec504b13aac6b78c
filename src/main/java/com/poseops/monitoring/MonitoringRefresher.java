package com.poseops.monitoring;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.events.LatencyViolation;
import com.poseops.platform.events.PoseOpsEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one refresher for the Monitoring page: every refresh interval it builds one snapshot per distinct
 * request of the open pages (pages showing the same range and variant share it, and every fetch goes through the
 * shared cache), and pushes it to them. It also watches the last minutes for a new violation of the threshold, which
 * it audits ({@code monitoring.violation}, once per violation, also across restarts), publishes as a
 * {@link LatencyViolation} event (the notification centre tells people) and announces to open pages — whether or not
 * a page is open.
 */
public class MonitoringRefresher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRefresher.class);
    static final String SYSTEM_ACTOR = "poseops";

    private final MonitoringService service;
    private final AuditLog audit;
    private final Consumer<PoseOpsEvent> events;
    private final Clock clock;
    private final Duration interval;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Violation>> violationListeners = new CopyOnWriteArrayList<>();
    /** The violating minutes already announced (the last hour's). */
    private final Set<Instant> announced = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("monitoring-refresh").factory());

    private record Watcher(MonitoringRequest request, Consumer<MonitoringSnapshot> listener) {
    }

    /** @param events where events go ({@code ApplicationEventPublisher::publishEvent}); must not block */
    public MonitoringRefresher(MonitoringService service, AuditLog audit, Consumer<PoseOpsEvent> events, Clock clock,
            Duration interval) {
        this.service = service;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.interval = interval;
    }

    public MonitoringRefresher start() {
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Pushes a new snapshot of {@code request} to {@code listener} (on the refresher's thread) at every refresh until
     * the returned handle is run.
     */
    public Runnable watch(MonitoringRequest request, Consumer<MonitoringSnapshot> listener) {
        Watcher watcher = new Watcher(request, listener);
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    /** Tells {@code listener} (on the refresher's thread) about each new violation; run the handle to stop. */
    public Runnable onViolation(Consumer<Violation> listener) {
        violationListeners.add(listener);
        return () -> violationListeners.remove(listener);
    }

    /** How many pages are watching now. */
    public int watchers() {
        return watchers.size();
    }

    /** One refresh: every distinct request once, pushed to its pages; then the violation watch. */
    public void refresh() {
        service.evictStale();
        Map<MonitoringRequest, MonitoringSnapshot> snapshots = new HashMap<>();
        for (Watcher watcher : watchers) {
            MonitoringSnapshot snapshot = snapshots.computeIfAbsent(watcher.request(), service::snapshotFor);
            try {
                watcher.listener().accept(snapshot);
            } catch (RuntimeException e) {
                log.debug("A Monitoring page could not be updated: {}", e.toString());
            }
        }
        watchViolations(snapshots.get(MonitoringRequest.last(TimeRange.LAST_15_MINUTES, null)));
    }

    private void watchViolations(MonitoringSnapshot recent) {
        MonitoringSnapshot snapshot = recent != null ? recent
                : service.snapshotFor(MonitoringRequest.last(TimeRange.LAST_15_MINUTES, null));
        Instant currentMinute = MetricPeriods.floor(clock.instant(), MetricPeriods.MINUTE);
        announced.removeIf(start -> start.isBefore(currentMinute.minus(Duration.ofHours(1))));
        for (Violation violation : snapshot.violations()) {
            // only whole minutes: the minute under way may still fall below the threshold
            if (!violation.start().isBefore(currentMinute)) {
                continue;
            }
            boolean known = announced.contains(violation.start())
                    || announced.contains(violation.start().minus(MetricPeriods.MINUTE));
            for (Instant m = violation.start(); m.isBefore(violation.end()); m = m.plus(MetricPeriods.MINUTE)) {
                announced.add(m);
            }
            if (known) {
                continue; // the same violation, still going on (or seen from a later window)
            }
            String target = "endpoint/" + service.endpointName() + "/violation/" + violation.start();
            try {
                if (!audit.history(target, 1).isEmpty()) {
                    continue; // announced before a restart
                }
                audit.record(SYSTEM_ACTOR, "monitoring.violation", target, AuditEntry.Outcome.FAILURE,
                        String.format(Locale.ROOT, "average model latency %.0f ms above the threshold %.0f ms from %s "
                                + "(%s)", violation.peakMillis(), violation.thresholdMillis(), violation.start(),
                                violation.servedBy()));
            } catch (RuntimeException e) {
                announced.remove(violation.start());
                log.warn("A violation could not be audited (tried again at the next refresh): {}", e.toString());
                continue;
            }
            publish(violation);
            for (Consumer<Violation> listener : violationListeners) {
                try {
                    listener.accept(violation);
                } catch (RuntimeException e) {
                    log.debug("A page could not be told about a violation: {}", e.toString());
                }
            }
        }
    }

    private void publish(Violation violation) {
        try {
            events.accept(new LatencyViolation(service.endpointName(), null, violation.servingVersion(),
                    violation.start(), violation.peakMillis() / 1000.0, violation.thresholdMillis() / 1000.0,
                    clock.instant()));
        } catch (RuntimeException e) {
            log.warn("The latency violation could not be published: {}", e.toString());
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("The Monitoring refresh failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
