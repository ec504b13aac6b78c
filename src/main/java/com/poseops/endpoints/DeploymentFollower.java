package com.poseops.endpoints;

import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.endpoints.EndpointDescription.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides from what the control plane says whether a deployment in progress has ended, and how — the same rules for
 * SageMaker and the local control plane. Above all: an endpoint back InService on a configuration other than the one
 * deployed was rolled back (SageMaker does that silently, often without a FailureReason), never a success.
 */
final class DeploymentFollower {

    /** How long a deployment may show no sign of starting before it counts as failed. */
    static final Duration NEVER_STARTED = Duration.ofMinutes(3);

    /** What the poller has seen of one deployment so far (kept in memory while it is followed). */
    static final class Seen {
        /** The endpoint was seen working on it (a transitional status or a pending deployment). */
        boolean change;
        /** This console was started while the deployment was in progress (it was found in the history). */
        final boolean afterRestart;
        /** Alarms of the deployment seen in ALARM, in the order seen. */
        final Set<String> alarms = new LinkedHashSet<>();

        Seen(boolean afterRestart) {
            this.afterRestart = afterRestart;
        }
    }

    /**
     * How a deployment ended.
     *
     * @param alarm the rollback alarm that sent it back, when one was seen in ALARM
     */
    record Verdict(Outcome outcome, @Nullable String detail, @Nullable String alarm) {

        Verdict(Outcome outcome, @Nullable String detail) {
            this(outcome, detail, null);
        }
    }

    private DeploymentFollower() {
    }

    /**
     * @param alarmStates  the deployment's alarms' states now
     * @param alarmLabels  what each alarm watches, for the detail ("Average model latency above 1.0 s")
     * @return the verdict once the deployment has ended; empty while it goes on
     */
    static Optional<Verdict> judge(DeploymentHistory.Entry entry, Seen seen,
            Optional<EndpointDescription> description, Map<String, RollbackAlarm.State> alarmStates,
            Map<String, String> alarmLabels, Instant now) {
        Deployment deployment = entry.deployment();
        alarmStates.forEach((name, state) -> {
            if (state == RollbackAlarm.State.ALARM && deployment.alarmNames().contains(name)) {
                seen.alarms.add(name);
            }
        });
        boolean old = Duration.between(deployment.startedAt(), now).compareTo(NEVER_STARTED) > 0;
        if (description.isEmpty()) {
            return old && !seen.change ? Optional.of(new Verdict(Outcome.FAILED, "The endpoint "
                    + deployment.endpointName() + " does not exist; it was not created (or was deleted)."))
                    : Optional.empty();
        }
        EndpointDescription endpoint = description.get();
        Status status = endpoint.status();
        if (status == Status.FAILED || status == Status.UPDATE_ROLLBACK_FAILED) {
            if (deployment.kind() != Deployment.Kind.CREATE && !seen.change && !old) {
                return Optional.empty(); // a Failed endpoint a new create/deploy is about to replace
            }
            return Optional.of(new Verdict(Outcome.FAILED, endpoint.failureReason() != null ? endpoint.failureReason()
                    : "The endpoint is " + status.label() + " (no reason given)."));
        }
        if (status.transitional() || endpoint.pendingDeployment() != null) {
            seen.change = true;
            return Optional.empty();
        }
        if (status != Status.IN_SERVICE) {
            return Optional.empty(); // OutOfService while a process restarts: wait
        }
        if (endpoint.endpointConfigName().equals(deployment.toConfig())) {
            return Optional.of(new Verdict(Outcome.SUCCEEDED, seen.afterRestart
                    ? "Finished while the console was restarting; followed again after the restart." : null));
        }
        if (!seen.change && !seen.afterRestart && !old) {
            return Optional.empty(); // the update has not shown up yet
        }
        String back = "the endpoint is back on " + EndpointSummary.servingLabel(endpoint) + " ("
                + endpoint.endpointConfigName() + ")";
        if (entry.abortRequestedBy() != null) {
            return Optional.of(new Verdict(Outcome.ABORTED, "Aborted by " + entry.abortRequestedBy()
                    + (entry.abortReason() == null || entry.abortReason().isBlank() ? "" : ": " + entry.abortReason())
                    + "; " + back + "."));
        }
        if (!seen.alarms.isEmpty()) {
            String alarm = seen.alarms.iterator().next();
            String label = alarmLabels.get(alarm);
            return Optional.of(new Verdict(Outcome.ROLLED_BACK_AUTOMATICALLY, "By alarm " + alarm
                    + (label == null ? "" : " (" + label + ")") + "; " + back + ".", alarm));
        }
        if (endpoint.failureReason() != null && !endpoint.failureReason().isBlank()) {
            return Optional.of(new Verdict(Outcome.FAILED, endpoint.failureReason()));
        }
        if (!seen.change && !seen.afterRestart) {
            return Optional.of(new Verdict(Outcome.FAILED, "The endpoint never started this deployment within "
                    + NEVER_STARTED.toMinutes() + " minutes; " + back + "."));
        }
        if (seen.afterRestart) {
            return Optional.of(new Verdict(Outcome.ROLLED_BACK_AUTOMATICALLY, "The console restarted during the "
                    + "deployment and " + back + ". Deploy again to retry."));
        }
        return Optional.of(new Verdict(Outcome.ROLLED_BACK_AUTOMATICALLY, "Rolled back without a failure reason or "
                + "an alarm seen in ALARM; " + back + "."));
    }
}
