package com.poseops.endpoints;

import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.platform.Text;
import com.poseops.platform.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The one poller of the console: asks the control plane about the endpoint (however many pages are open), follows
 * the deployment in progress to its end ({@link DeploymentFollower}) and tells every listener — open pages, the
 * Overview, other features — what changed. Local mode: the control plane pushes its changes and the poller looks at
 * once; aws mode: DescribeEndpoint every few seconds while something is going on, rarely otherwise, with back-off
 * while SageMaker does not answer (the page then says so; it never keeps showing an old state as current).
 */
public class EndpointMonitor implements EndpointQueries, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EndpointMonitor.class);
    private static final int HISTORY_KEPT = 50;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** How often to look: while something goes on, while nothing does, and at most this long after failures. */
    public record PollIntervals(Duration active, Duration idle, Duration maxBackoff) {

        /** SageMaker: DescribeEndpoint every 5 s during a deployment, every 30 s otherwise. */
        public static final PollIntervals AWS = new PollIntervals(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        /** Local: changes are pushed; looking is cheap, so the page's clock (time left) moves every second. */
        public static final PollIntervals LOCAL = new PollIntervals(Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    private final EndpointControlPlane controlPlane;
    private final DeploymentHistory history;
    private final List<RollbackAlarm> rollbackAlarms;
    private final PollIntervals intervals;
    private final Clock clock;
    private final List<Consumer<EndpointSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, DeploymentFollower.Seen> followed = new ConcurrentHashMap<>();
    private final Set<String> startedHere = ConcurrentHashMap.newKeySet();
    private final DeploymentEndings endings;
    private final Runnable pushSubscription;
    private final Object wake = new Object();
    private boolean lookRequested;
    private volatile boolean closed;
    private @Nullable Thread poller;

    private volatile EndpointSnapshot current;
    private volatile List<Deployment> recent = List.of();
    private volatile Map<String, RollbackAlarm.State> alarmStates = Map.of();
    private boolean firstPoll = true;
    private int failures;

    public EndpointMonitor(EndpointControlPlane controlPlane, DeploymentHistory history, DeploymentLock lock,
            AuditLog auditLog, ApplicationEventPublisher events, List<RollbackAlarm> rollbackAlarms,
            PollIntervals intervals, Clock clock) {
        this.controlPlane = controlPlane;
        this.history = history;
        this.rollbackAlarms = List.copyOf(rollbackAlarms);
        this.intervals = intervals;
        this.clock = clock;
        this.current = new EndpointSnapshot(controlPlane.endpointName(), null, null, clock.instant(),
                "Looking at the endpoint…", controlPlane.invocationUrl());
        this.endings = new DeploymentEndings(controlPlane, history, lock, auditLog, events, clock);
        this.pushSubscription = controlPlane.onChange(this::refreshNow);
    }

    /** Starts polling (the first look at once) on the poller's own thread. */
    public synchronized void start() {
        if (poller == null && !closed) {
            poller = Thread.ofPlatform().name("endpoint-poller").daemon().start(this::loop);
        }
    }

    /** Looks at the endpoint as soon as possible (after an action, or when the control plane pushes a change). */
    public void refreshNow() {
        synchronized (wake) {
            lookRequested = true;
            wake.notifyAll();
        }
    }

    /** Look, then wait until the next look is due or someone asks for one sooner; until closed. */
    private void loop() {
        while (!closed) {
            Duration delay;
            try {
                delay = poll();
            } catch (RuntimeException e) {
                if (closed) {
                    return; // interrupted by close() in the middle of a look
                }
                log.warn("The endpoint poller failed; looking again shortly", e);
                delay = intervals.active();
            }
            synchronized (wake) {
                try {
                    if (!lookRequested && !closed) {
                        wake.wait(Math.max(1, delay.toMillis()));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                lookRequested = false;
            }
        }
    }

    /** Follows a deployment this console has just started. */
    void follow(String deploymentId) {
        startedHere.add(deploymentId);
        followed.put(deploymentId, new DeploymentFollower.Seen(false));
    }

    // ---- EndpointQueries ----

    @Override
    public EndpointSnapshot current() {
        return current;
    }

    @Override
    public Runnable onChange(Consumer<EndpointSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public List<Deployment> deployments(Instant from, Instant to) {
        return recent.stream().filter(d -> !d.startedAt().isAfter(to)
                && (d.endedAt() == null ? !clock.instant().isBefore(from) : !d.endedAt().isBefore(from))).toList();
    }

    /** The newest deployments, newest first (at most {@value #HISTORY_KEPT}). */
    public List<Deployment> recentDeployments() {
        return recent;
    }

    @Override
    public Optional<ServedModel> servingModel() {
        EndpointDescription description = current.description();
        return description == null || description.variants().isEmpty() ? Optional.empty()
                : Optional.of(description.variants().getFirst().model());
    }

    @Override
    public List<RollbackAlarm> rollbackAlarms() {
        return rollbackAlarms;
    }

    @Override
    public Map<String, RollbackAlarm.State> alarmStates() {
        return alarmStates;
    }

    // ---- the poll ----

    /** One look; returns when the next one is due. */
    private Duration poll() {
        String problem = null;
        Optional<EndpointDescription> description = Optional.ofNullable(current.description());
        try {
            description = controlPlane.describe();
        } catch (RuntimeException e) {
            problem = "The endpoint's state could not be read (" + Text.printable(message(e), 300)
                    + "); retrying — what is shown may be out of date.";
        }
        List<DeploymentHistory.Entry> entries = List.of();
        try {
            entries = history.newest(controlPlane.endpointName(), HISTORY_KEPT);
        } catch (RuntimeException e) {
            problem = problem != null ? problem : "The deployment history could not be read ("
                    + Text.printable(message(e), 200) + "); retrying.";
        }
        if (problem == null) {
            entries = follow(entries, description);
            endings.releaseStaleClaim(entries);
        }
        readAlarmStates();
        Deployment active = entries.stream().map(DeploymentHistory.Entry::deployment)
                .filter(d -> d.outcome() == Outcome.IN_PROGRESS).findFirst().orElse(null);
        if (problem == null || !entries.isEmpty()) {
            recent = entries.stream().map(DeploymentHistory.Entry::deployment).toList();
        }
        EndpointSnapshot snapshot = new EndpointSnapshot(controlPlane.endpointName(), description.orElse(null),
                active, clock.instant(), problem, controlPlane.invocationUrl());
        EndpointSnapshot previous = current;
        current = snapshot;
        if (!sameExceptTime(previous, snapshot) || active != null) {
            publish(snapshot);
        }
        firstPoll = false;
        failures = problem == null ? 0 : failures + 1;
        return nextDelay(problem != null, active != null
                || description.map(d -> d.status().transitional()).orElse(false));
    }

    /** Judges every deployment in progress; returns the entries as they are after any that ended. */
    private List<DeploymentHistory.Entry> follow(List<DeploymentHistory.Entry> entries,
            Optional<EndpointDescription> description) {
        boolean changed = false;
        for (DeploymentHistory.Entry entry : entries) {
            Deployment deployment = entry.deployment();
            if (deployment.outcome() != Outcome.IN_PROGRESS) {
                followed.remove(deployment.id());
                continue;
            }
            boolean foundAtStart = firstPoll && !startedHere.contains(deployment.id());
            DeploymentFollower.Seen seen = followed.computeIfAbsent(deployment.id(),
                    id -> new DeploymentFollower.Seen(foundAtStart));
            if (foundAtStart) {
                history.note(deployment.endpointName(), deployment.id(), "Resumed after a console restart at "
                        + TIME.format(clock.instant()) + ": following the endpoint again.");
                log.warn("Deployment {} of {} was in progress when the console stopped; following it again",
                        deployment.id(), deployment.to().label());
                changed = true;
            }
            Map<String, RollbackAlarm.State> states = Map.of();
            if (!deployment.alarmNames().isEmpty()) {
                try {
                    states = controlPlane.alarmStates(deployment.alarmNames());
                } catch (RuntimeException e) {
                    log.debug("Alarm states unknown this time: {}", e.getMessage());
                }
            }
            Optional<DeploymentFollower.Verdict> verdict = DeploymentFollower.judge(entry, seen, description, states,
                    alarmLabels(), clock.instant());
            if (verdict.isPresent()) {
                endings.conclude(entry, verdict.get(), description);
                followed.remove(deployment.id());
                changed = true;
            }
        }
        if (!changed) {
            return entries;
        }
        try {
            return history.newest(controlPlane.endpointName(), HISTORY_KEPT);
        } catch (RuntimeException e) {
            return entries;
        }
    }

    private void readAlarmStates() {
        if (rollbackAlarms.isEmpty()) {
            return;
        }
        try {
            alarmStates = Map.copyOf(controlPlane.alarmStates(rollbackAlarms.stream().map(RollbackAlarm::name)
                    .toList()));
        } catch (RuntimeException e) {
            alarmStates = Map.of();
        }
    }

    private Map<String, String> alarmLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (RollbackAlarm alarm : rollbackAlarms) {
            labels.put(alarm.name(), RollbackAlarmText.describe(alarm));
        }
        return labels;
    }

    private Duration nextDelay(boolean failed, boolean active) {
        if (failed) {
            long seconds = Math.min(intervals.maxBackoff().toSeconds(), 1L << Math.min(failures, 6));
            return Duration.ofSeconds(Math.max(1, seconds));
        }
        return active ? intervals.active() : intervals.idle();
    }

    private void publish(EndpointSnapshot snapshot) {
        for (Consumer<EndpointSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                log.debug("An endpoint listener failed", e);
            }
        }
    }

    private static boolean sameExceptTime(EndpointSnapshot a, EndpointSnapshot b) {
        return Objects.equals(a.description(), b.description()) && Objects.equals(a.activeDeployment(),
                b.activeDeployment()) && Objects.equals(a.problem(), b.problem());
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        closed = true;
        pushSubscription.run();
        Thread running;
        synchronized (this) {
            running = poller;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
