package com.poseops.training;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one poller of training jobs, however many pages are open: every {@code Training.pollSeconds} (and at
 * once when the local runner reports a change) it refreshes the jobs in progress — aws: DescribeTrainingJob and the
 * CloudWatch curves, written to the job records; local: the records the runner writes — and pushes every changed job
 * to the subscribed pages. A job that completed without a version yet goes to the completion handler (registration).
 * When AWS does not answer, the last known state stays, marked with when it was seen and why it is not newer.
 */
public class TrainingMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrainingMonitor.class);
    /** Pages get at most one update per job this often while a job reports. */
    static final Duration MIN_PUSH_INTERVAL = Duration.ofSeconds(1);

    /**
     * One job as a page should show it now.
     *
     * @param staleReason why the job's state is not current (AWS did not answer), else null
     */
    public record Update(TrainingJob job, @Nullable String staleReason, Instant seenAt) {
    }

    private final TrainingJobStore store;
    private final TrainingBackend backend;
    private final Duration interval;
    private final Clock clock;
    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("training-monitor").daemon().factory());
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private final Map<String, Integer> published = new ConcurrentHashMap<>();
    private final Map<String, String> stale = new ConcurrentHashMap<>();
    private volatile Set<String> lastActive = Set.of();
    private volatile long lastPoll = System.nanoTime() - MIN_PUSH_INTERVAL.toNanos();
    private volatile Consumer<TrainingJob> completionHandler = job -> { };
    private volatile Consumer<TrainingJob> endHandler = job -> { };

    public TrainingMonitor(TrainingJobStore store, TrainingBackend backend, Duration interval, Clock clock) {
        this.store = store;
        this.backend = backend;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Starts polling (the service calls it once it is wired).
     *
     * @param onCompleted a completed job without a version yet (registration)
     * @param onEnded     a job in a final state (after registration, for a completed one), until it is told
     */
    public void start(Consumer<TrainingJob> onCompleted, Consumer<TrainingJob> onEnded) {
        this.completionHandler = onCompleted;
        this.endHandler = onEnded;
        executor.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Calls {@code listener} (on the monitor's thread) with every changed job; run the result to stop. */
    public Runnable subscribe(Consumer<Update> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Something changed (a local job wrote its record, a job was started or stopped): look soon — at once, unless the
     * last look was less than {@link #MIN_PUSH_INTERVAL} ago. A trainer that prints several lines a second then costs
     * the pages one update a second, not one per line.
     */
    public void nudge() {
        if (pollQueued.compareAndSet(false, true)) {
            long wait = Math.max(0, lastPoll + MIN_PUSH_INTERVAL.toNanos() - System.nanoTime());
            executor.schedule(this::pollQuietly, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Why a job's shown state is not current, if it is not. */
    public Optional<String> staleReason(String jobName) {
        return Optional.ofNullable(stale.get(jobName));
    }

    private void pollQuietly() {
        pollQueued.set(false);
        lastPoll = System.nanoTime();
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Looking at the training jobs failed: {}", e.toString());
        }
    }

    /** One round: refresh, publish what changed, hand completed jobs on. Package-private for tests. */
    void poll() {
        List<TrainingJob> active = store.active();
        Set<String> names = new HashSet<>();
        for (TrainingJob job : active) {
            names.add(job.name());
            TrainingJob current = refresh(job);
            publishIfChanged(current);
            if (current.status() == TrainingStatus.COMPLETED && current.producedVersion() == null
                    && current.registrationNote() == null) {
                completionHandler.accept(current);
                current = store.find(current.name()).orElse(current);
                publishIfChanged(current);
            }
            if (current.status().isTerminal()) {
                endHandler.accept(current);
            }
        }
        // Jobs that left the active set since the last round ended in between: show their final state once.
        for (String gone : lastActive) {
            if (!names.contains(gone)) {
                store.find(gone).ifPresent(this::publishIfChanged);
            }
        }
        lastActive = names;
    }

    /** aws: asks SageMaker and CloudWatch and writes the answer to the record; local: the record is current. */
    private TrainingJob refresh(TrainingJob job) {
        if (backend.runsLocally() || job.status().isTerminal()) {
            return job;
        }
        try {
            Optional<JobProgress> progress = backend.describe(job);
            if (progress.isEmpty()) {
                stale.put(job.name(), "SageMaker does not know this job (any more).");
                return job;
            }
            List<MetricPoint> metrics = backend.metrics(job);
            List<MetricPoint> kept = metrics.isEmpty() ? job.metrics() : metrics;
            stale.remove(job.name());
            return store.update(job.name(), stored -> stored.withProgress(progress.get(), kept)).orElse(job);
        } catch (RuntimeException e) {
            String reason = "Status as of the last successful look; SageMaker did not answer now (" + e.getMessage()
                    + "). The console keeps trying.";
            if (!Objects.equals(stale.put(job.name(), reason), reason)) {
                publish(job);
            }
            return job;
        }
    }

    private void publishIfChanged(TrainingJob job) {
        int fingerprint = Objects.hash(job.progress(), job.metrics().size(), job.producedVersion(),
                job.registrationNote(), stale.get(job.name()));
        Integer previous = published.put(job.name(), fingerprint);
        if (previous == null || previous != fingerprint) {
            publish(job);
        }
    }

    private void publish(TrainingJob job) {
        Update update = new Update(job, stale.get(job.name()), clock.instant());
        for (Consumer<Update> listener : listeners) {
            try {
                listener.accept(update);
            } catch (RuntimeException e) {
                log.debug("A training listener failed: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
