package com.poseops.registry;

import com.poseops.datasets.LabelledImages;
import com.poseops.inference.ModelLoadException;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs evaluations one at a time on a background thread, stores their progress ({@link EvaluationStore}) and pushes
 * it to listeners (the Models pages). An evaluation of a version also writes its metrics to the registry and an audit
 * entry, and hands the version with its metrics to {@code measured} (the service's version listeners). An evaluation stored as running that this console is not running was cut off by a restart and reads as
 * failed.
 */
final class Evaluations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Evaluations.class);

    private final EvaluationStore store;
    private final ModelEvaluator evaluator;
    private final EvaluationSets sets;
    private final ModelRegistry registry;
    private final AuditLog auditLog;
    private final Clock clock;
    private final AfterVersion afterVersion;
    private final Consumer<ModelVersion> measured;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("model-evaluation").daemon().factory());
    private final List<Consumer<EvaluationStatus>> listeners = new CopyOnWriteArrayList<>();
    /** Evaluations queued or running in this process. */
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();

    /** What happens once a version's evaluation has ended: {@code problem} is null when it succeeded. */
    @FunctionalInterface
    interface AfterVersion {
        void evaluated(int version, @Nullable String problem);
    }

    Evaluations(EvaluationStore store, ModelEvaluator evaluator, EvaluationSets sets, ModelRegistry registry,
            AuditLog auditLog, Clock clock, AfterVersion afterVersion, Consumer<ModelVersion> measured) {
        this.store = store;
        this.evaluator = evaluator;
        this.sets = sets;
        this.registry = registry;
        this.auditLog = auditLog;
        this.clock = clock;
        this.afterVersion = afterVersion;
        this.measured = measured;
    }

    Runnable onProgress(Consumer<EvaluationStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The stored status; one cut off by a restart reads as failed. */
    Optional<EvaluationStatus> find(String key) {
        return store.find(key).map(status -> cutOff(status) ? new EvaluationStatus(status.key(),
                EvaluationStatus.State.FAILED, status.done(), status.total(), "Interrupted: the console stopped during "
                + "the evaluation. Re-evaluate the version to evaluate it again.", status.startedAt(), null, Map.of(),
                List.of(), status.evaluatedOn()) : status);
    }

    boolean isRunningHere(String key) {
        return runningHere.contains(key);
    }

    /** Stored as running, but not running in this process: a restart cut it off. */
    boolean cutOff(EvaluationStatus status) {
        return status.state() == EvaluationStatus.State.RUNNING && !runningHere.contains(status.key());
    }

    /**
     * Queues an evaluation of {@code modelFile} on the current evaluation set.
     *
     * @param key      a version's audit target, or {@code serving:<sha256>}
     * @param version  the version whose metrics it sets, or null
     * @param cleanup  deleted (with everything in it) afterwards: a copy made for this evaluation, or null
     * @param announce for a version: hand its end to {@link AfterVersion} (a new version waits for a decision)
     * @return false when there is no evaluation set or that key is already queued or running here
     */
    boolean start(String key, @Nullable Integer version, Path modelFile, @Nullable Path cleanup, boolean announce) {
        Optional<EvaluationSets.Choice> choice = sets.current();
        if (choice.isEmpty() || !runningHere.add(key)) {
            delete(cleanup);
            return false;
        }
        Instant started = clock.instant();
        String on = choice.get().label();
        publish(new EvaluationStatus(key, EvaluationStatus.State.RUNNING, 0, 0, null, started, null, Map.of(),
                List.of(), on));
        executor.execute(() -> {
            int total = 0;
            try {
                LabelledImages set = sets.load(choice.get());
                total = set.items().size();
                EvaluationReport report = evaluator.evaluate(modelFile, set, (done, all) -> {
                    if (done < all) {
                        publish(new EvaluationStatus(key, EvaluationStatus.State.RUNNING, done, all, null, started,
                                null, Map.of(), List.of(), on));
                    }
                });
                Map<String, String> metrics = report.headlineMetrics();
                ModelVersion withMetrics = version == null ? null : registry.updateMetrics(version, metrics);
                if (version != null) {
                    auditLog.record(RegistryService.SYSTEM_ACTOR, RegistryService.EVALUATE, key, Outcome.SUCCESS,
                            summary(metrics) + (report.calibrated() ? " (calibrated scores)" : "") + " on " + on);
                }
                publish(new EvaluationStatus(key, EvaluationStatus.State.DONE, total, total, null, started,
                        clock.instant(), metrics, report.images(), on));
                if (version != null && announce) {
                    afterVersion.evaluated(version, null);
                }
                if (withMetrics != null) {
                    measured.accept(withMetrics);
                }
            } catch (ModelLoadException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.warn("Evaluation of {} failed: {}", key, reason);
                publish(new EvaluationStatus(key, EvaluationStatus.State.FAILED, 0, total, reason, started,
                        clock.instant(), Map.of(), List.of(), on));
                if (version != null) {
                    auditLog.record(RegistryService.SYSTEM_ACTOR, RegistryService.EVALUATE, key, Outcome.FAILURE,
                            reason);
                    if (announce) {
                        afterVersion.evaluated(version, "the evaluation failed: " + reason);
                    }
                }
            } finally {
                runningHere.remove(key);
                delete(cleanup);
            }
        });
        return true;
    }

    private void publish(EvaluationStatus status) {
        try {
            store.save(status);
        } catch (RuntimeException e) {
            log.warn("Could not store the evaluation status of {}: {}", status.key(), e.getMessage());
        }
        for (Consumer<EvaluationStatus> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                log.debug("An evaluation listener failed: {}", e.getMessage());
            }
        }
    }

    static String summary(Map<String, String> metrics) {
        StringBuilder text = new StringBuilder();
        for (EvaluationReport.MetricInfo info : EvaluationReport.METRICS) {
            String value = metrics.get(info.name());
            if (value != null) {
                text.append(text.isEmpty() ? "" : ", ").append(info.label()).append(' ').append(value);
            }
        }
        return text.toString();
    }

    static void delete(@Nullable Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", path, e.getMessage());
        }
    }

    /** Waits briefly for a running evaluation, then stops the evaluation thread. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
