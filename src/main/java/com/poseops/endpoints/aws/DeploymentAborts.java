package com.poseops.endpoints.aws;

import com.poseops.endpoints.EndpointUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * Aborting a deployment, which SageMaker has no call for (decision 0091): one of the deployment's rollback alarms is
 * set to ALARM, which makes SageMaker roll back during baking. CloudWatch puts a set state back to the evaluated one at
 * its next period, so while the aborted deployment still runs the alarm is raised again every
 * {@link #REASSERT_INTERVAL}; once it has ended the alarm is set back to OK. Both happen when the endpoint is described
 * (the service's poller does that every few seconds).
 */
final class DeploymentAborts {

    private static final Logger log = LoggerFactory.getLogger(DeploymentAborts.class);

    /** CloudWatch replaces a SetAlarmState at its next evaluation (every period, 60 s). */
    static final Duration REASSERT_INTERVAL = Duration.ofSeconds(30);

    /** An abort whose deployment has not ended yet. */
    private record Pending(String configName, String alarmName, String reason, Instant raisedAt) {
    }

    private final CloudWatchRollbackAlarms alarms;
    private final Clock clock;
    private final AtomicReference<@Nullable Pending> pending = new AtomicReference<>();

    DeploymentAborts(CloudWatchRollbackAlarms alarms, Clock clock) {
        this.alarms = alarms;
        this.clock = clock;
    }

    /**
     * Aborts the deployment the endpoint is rolling out.
     *
     * @param knownAlarms the alarms of the last deployment this console started, for when SageMaker's answer lacks
     *                    {@code LastDeploymentConfig}
     */
    void abort(DescribeEndpointResponse endpoint, List<String> knownAlarms, String reason) {
        String rollingOut = endpoint.pendingDeploymentSummary().endpointConfigName();
        List<String> guarding = alarmNamesOf(endpoint, knownAlarms);
        if (guarding.isEmpty()) {
            throw new EndpointUnavailableException("The deployment of " + rollingOut + " has no rollback alarms, and "
                    + "SageMaker has no call that stops a deployment: it runs to its end (at most its maximum execution "
                    + "time). Roll back once it has finished.", null);
        }
        String alarm = guarding.getFirst();
        alarms.raiseForAbort(alarm, reason);
        pending.set(new Pending(rollingOut, alarm, reason, clock.instant()));
        log.info("Aborting the deployment of {} on endpoint {}: alarm {} set to ALARM", rollingOut,
                endpoint.endpointName(), alarm);
    }

    /** A new deployment started: an earlier abort has nothing left to do. */
    void forget() {
        pending.set(null);
    }

    /** Keeps a pending abort going, or ends it once its deployment has ended. Never throws. */
    void follow(@Nullable DescribeEndpointResponse endpoint) {
        Pending abort = pending.get();
        if (abort == null) {
            return;
        }
        boolean stillRunning = endpoint != null && endpoint.pendingDeploymentSummary() != null
                && abort.configName().equals(endpoint.pendingDeploymentSummary().endpointConfigName());
        try {
            if (!stillRunning) {
                alarms.clearAborts(List.of(abort.alarmName()));
                pending.compareAndSet(abort, null);
            } else if (Duration.between(abort.raisedAt(), clock.instant()).compareTo(REASSERT_INTERVAL) >= 0) {
                alarms.raiseForAbort(abort.alarmName(), abort.reason());
                pending.compareAndSet(abort, new Pending(abort.configName(), abort.alarmName(), abort.reason(),
                        clock.instant()));
            }
        } catch (RuntimeException e) {
            log.warn("Abort of {}: could not update alarm {}: {}", abort.configName(), abort.alarmName(),
                    e.getMessage());
        }
    }

    private static List<String> alarmNamesOf(DescribeEndpointResponse endpoint, List<String> knownAlarms) {
        var deployment = endpoint.lastDeploymentConfig();
        if (deployment != null && deployment.autoRollbackConfiguration() != null
                && deployment.autoRollbackConfiguration().hasAlarms()
                && !deployment.autoRollbackConfiguration().alarms().isEmpty()) {
            return deployment.autoRollbackConfiguration().alarms().stream().map(Alarm::alarmName).toList();
        }
        return knownAlarms;
    }
}
