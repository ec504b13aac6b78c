package com.poseops.registry;

import com.poseops.platform.events.MetricLine;
import com.poseops.platform.events.PoseOpsEvent;
import com.poseops.platform.events.VersionAwaitingApproval;
import com.poseops.platform.events.VersionDecided;
import com.poseops.registry.RegistryService.Baseline;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What the registry tells the rest of the console (docs/ARCHITECTURE.md, "Events"): a version waits for approval, a
 * version was decided — each with its metrics beside the serving version's. Finding the serving version can take AWS
 * calls, so the events are made and published on a thread of their own: the registration or decision that causes one
 * has already returned, and nothing here can fail it.
 */
final class RegistryEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryEvents.class);

    private final ApplicationEventPublisher publisher;
    private final String group;
    private final Clock clock;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(200), Thread.ofPlatform().name("registry-events").daemon().factory());

    RegistryEvents(ApplicationEventPublisher publisher, String group, Clock clock) {
        this.publisher = publisher;
        this.group = group;
        this.clock = clock;
    }

    /** A version now waits for a decision; {@code problem} says why it has no metrics, if it has none. */
    void awaitingApproval(ModelVersion version, @Nullable String problem, Supplier<Optional<Baseline>> baseline) {
        publishLater(() -> {
            Optional<Baseline> serving = baseline.get();
            return new VersionAwaitingApproval(group, version.version(), version.registeredBy(), version.description(),
                    lines(version.metrics(), serving), serving.map(Baseline::label).orElse(null), problem,
                    clock.instant());
        });
    }

    /** A person's decision stands. */
    void decided(ModelVersion version, Decision decision, Supplier<Optional<Baseline>> baseline) {
        publishLater(() -> {
            Optional<Baseline> serving = baseline.get();
            return new VersionDecided(group, version.version(), decision.outcome() == ApprovalStatus.APPROVED,
                    decision.decidedBy(), decision.comment(), lines(version.metrics(), serving),
                    serving.map(Baseline::label).orElse(null), clock.instant());
        });
    }

    /** Each metric of the version, in display order, beside the serving version's and with the verdict. */
    static List<MetricLine> lines(Map<String, String> metrics, Optional<Baseline> serving) {
        Map<String, String> servingMetrics = serving.map(Baseline::metrics).orElse(Map.of());
        List<MetricComparison.Delta> deltas = MetricComparison.compare(metrics, servingMetrics);
        List<MetricLine> lines = new ArrayList<>();
        for (EvaluationReport.MetricInfo info : EvaluationReport.METRICS) {
            String value = metrics.get(info.name());
            if (value == null) {
                continue;
            }
            String verdict = deltas.stream().filter(d -> d.metric().equals(info)).findFirst()
                    .map(d -> d.verdict().name().toLowerCase(Locale.ROOT)).orElse(null);
            lines.add(new MetricLine(info.label(), value, servingMetrics.get(info.name()), verdict));
        }
        return lines;
    }

    private void publishLater(Supplier<PoseOpsEvent> event) {
        try {
            executor.execute(() -> {
                try {
                    publisher.publishEvent(event.get());
                } catch (RuntimeException e) {
                    log.warn("Could not publish a registry event: {}", e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Registry event dropped: too many waiting");
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
