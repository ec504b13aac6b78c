package com.poseops.endpoints.local;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import com.poseops.endpoints.RollbackAlarm;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One blue/green deployment carried out on this machine, the way SageMaker carries out {@code UpdateEndpoint} with a
 * {@code BlueGreenUpdatePolicy}: start the green fleet beside the blue one and wait for {@code /ping}; shift the traffic
 * step by step (all at once, canary, linear), baking after each step while the rollback alarms are evaluated on the
 * requests the front door routes; after the last bake and the termination wait, drain and stop the blue fleet. An
 * alarm, an abort, a green fleet that does not start or the maximum execution time sends all traffic back to blue and
 * stops green. Requests are never dropped: a fleet leaves the routing before it is drained, and is drained before its
 * processes are stopped.
 */
final class LocalRollout implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LocalRollout.class);
    private static final Duration ALARM_CHECK = Duration.ofMillis(200);

    /** What the control plane learns from a rollout. */
    interface Outcome {
        /** Something the page shows changed (a step, a status message). */
        void changed();

        /** Green took all traffic, and blue has been drained and stopped. */
        void rolledForward(Fleet green);

        /**
         * All traffic is back on blue and green is stopped.
         *
         * @param failureReason why, when it failed (SageMaker's FailureReason); null for an alarm or an abort, which
         *                      SageMaker reports silently
         * @param firedAlarm    the alarm that went off, if one did
         */
        void rolledBack(@Nullable String failureReason, @Nullable String firedAlarm);
    }

    private final Fleet blue;
    private final LocalConfig target;
    private final String greenVariant;
    private final int processes;
    private final DeploymentPolicy policy;
    private final List<RollbackAlarm> alarms;
    private final TrafficRouter router;
    private final LocalAlarms evaluator;
    private final ProcessLauncher launcher;
    private final Outcome outcome;
    private final Clock clock;
    private final Instant startedAt;

    private volatile @Nullable Fleet green;
    private volatile VariantStatus status;
    private volatile double desiredShare;
    private volatile @Nullable String abortReason;
    private final Object wake = new Object();

    LocalRollout(Fleet blue, LocalConfig target, String greenVariant, int processes, DeploymentPolicy policy,
            List<RollbackAlarm> alarms, TrafficRouter router, LocalAlarms evaluator, ProcessLauncher launcher,
            Outcome outcome, Clock clock) {
        this.blue = blue;
        this.target = target;
        this.greenVariant = greenVariant;
        this.processes = processes;
        this.policy = policy;
        this.alarms = policy.autoRollback() ? List.copyOf(alarms) : List.of();
        this.router = router;
        this.evaluator = evaluator;
        this.launcher = launcher;
        this.outcome = outcome;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.status = new VariantStatus(VariantStatusCode.CREATING, "Starting " + processes + " inference process"
                + (processes == 1 ? "" : "es") + " of " + target.model().label() + " (" + greenVariant + ")",
                startedAt);
    }

    LocalConfig target() {
        return target;
    }

    String greenVariant() {
        return greenVariant;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The green fleet once its processes are started; null before. */
    @Nullable Fleet green() {
        return green;
    }

    /** What green is doing now, in SageMaker's words. */
    VariantStatus status() {
        return status;
    }

    /** The share of the traffic green is heading for in the current step (0..1). */
    double desiredShare() {
        return desiredShare;
    }

    /** Sends all traffic back to blue as soon as the rollout notices (within a fraction of a second). */
    void abort(String reason) {
        abortReason = reason;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    @Override
    public void run() {
        Instant deadline = startedAt.plusSeconds(policy.maximumExecutionSeconds());
        try {
            Fleet started;
            try {
                started = Fleet.launch(greenVariant, target, processes, launcher);
            } catch (IOException e) {
                rollBack("Deploying " + target.model().label() + " failed: its inference process could not be "
                        + "started (" + e.getMessage() + ").", null);
                return;
            }
            green = started;
            outcome.changed();
            try {
                started.awaitReady(() -> abortReason != null || clock.instant().isAfter(deadline));
            } catch (Fleet.StartFailedException e) {
                rollBack("Deploying " + target.model().label() + " failed: " + e.getMessage(), null);
                return;
            }
            if (stopReason(deadline) != null) {
                rollBackFor(deadline);
                return;
            }
            started.open();
            for (int percent : policy.trafficSteps()) {
                double share = percent / 100.0;
                desiredShare = share;
                status = new VariantStatus(VariantStatusCode.ACTIVATING_TRAFFIC, "Shifting " + percent
                        + " % of the traffic to " + greenVariant, clock.instant());
                outcome.changed();
                router.split(blue, started, share);
                status = new VariantStatus(VariantStatusCode.BAKING, "Baking for " + policy.waitIntervalSeconds()
                        + " seconds with " + percent + " % of the traffic on " + greenVariant
                        + (alarms.isEmpty() ? " (no rollback alarms)" : ""), clock.instant());
                outcome.changed();
                if (!bake(Duration.ofSeconds(policy.waitIntervalSeconds()), deadline)) {
                    return;
                }
            }
            if (policy.terminationWaitSeconds() > 0) {
                status = new VariantStatus(VariantStatusCode.BAKING, "All traffic on " + greenVariant + "; keeping "
                        + blue.variantName() + " for " + policy.terminationWaitSeconds() + " seconds (termination wait)",
                        clock.instant());
                outcome.changed();
                if (!sleepUnlessStopped(Duration.ofSeconds(policy.terminationWaitSeconds()), deadline)) {
                    rollBackFor(deadline);
                    return;
                }
            }
            status = new VariantStatus(VariantStatusCode.DELETING, "Draining and stopping " + blue.variantName(),
                    clock.instant());
            outcome.changed();
            router.routeAll(started);
            blue.drainAndStop();
            outcome.rolledForward(started);
        } catch (InterruptedException e) {
            // the console is stopping: its child processes stop with it, the stored configuration stays the old one
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Deployment of {} failed", target.name(), e);
            safeRollBack("Deploying " + target.model().label() + " failed: " + e.getMessage(), null);
        }
    }

    /**
     * Bakes, checking the alarms (on what the new fleet answered during this bake), an abort and the deadline; false
     * when it rolled back.
     */
    private boolean bake(Duration wait, Instant deadline) throws InterruptedException {
        Instant begin = clock.instant();
        Instant end = begin.plus(wait);
        while (true) {
            for (RollbackAlarm alarm : alarms) {
                if (evaluator.evaluate(alarm, begin, clock.instant(), target.name()) == RollbackAlarm.State.ALARM) {
                    log.warn("Rollback alarm {} is in ALARM while baking {}; sending all traffic back to {}",
                            alarm.name(), target.name(), blue.variantName());
                    rollBack(null, alarm.name());
                    return false;
                }
            }
            if (stopReason(deadline) != null) {
                rollBackFor(deadline);
                return false;
            }
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative() || left.isZero()) {
                return true;
            }
            pause(left.compareTo(ALARM_CHECK) < 0 ? left : ALARM_CHECK);
        }
    }

    private boolean sleepUnlessStopped(Duration wait, Instant deadline) throws InterruptedException {
        Instant end = clock.instant().plus(wait);
        while (clock.instant().isBefore(end)) {
            if (stopReason(deadline) != null) {
                return false;
            }
            pause(ALARM_CHECK);
        }
        return true;
    }

    private void pause(Duration duration) throws InterruptedException {
        synchronized (wake) {
            if (abortReason == null) {
                wake.wait(Math.max(1, duration.toMillis()));
            }
        }
    }

    private @Nullable String stopReason(Instant deadline) {
        if (abortReason != null) {
            return abortReason;
        }
        return clock.instant().isAfter(deadline) ? "deadline" : null;
    }

    private void rollBackFor(Instant deadline) throws InterruptedException {
        if (abortReason != null) {
            log.info("Deployment of {} aborted: {}", target.name(), abortReason);
            rollBack(null, null);
        } else {
            rollBack("Deploying " + target.model().label() + " took longer than the maximum execution time of "
                    + policy.maximumExecutionSeconds() + " s; all traffic went back to " + blue.config().model().label() + ".", null);
        }
    }

    /** All traffic back to blue first, then green drained and stopped. */
    private void rollBack(@Nullable String failureReason, @Nullable String firedAlarm) throws InterruptedException {
        router.routeAll(blue);
        status = new VariantStatus(VariantStatusCode.DELETING, "Traffic back on " + blue.variantName()
                + "; stopping " + greenVariant, clock.instant());
        outcome.changed();
        Fleet started = green;
        if (started != null) {
            started.drainAndStop();
        }
        if (failureReason != null) {
            log.warn("{}", failureReason);
        }
        outcome.rolledBack(failureReason, firedAlarm);
    }

    private void safeRollBack(String failureReason, @Nullable String firedAlarm) {
        try {
            rollBack(failureReason, firedAlarm);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
