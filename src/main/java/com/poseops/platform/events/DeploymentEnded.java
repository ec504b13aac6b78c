package com.poseops.platform.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A deployment of a model version to the endpoint ended. To be published by {@code endpoints} (issue 9) once, when
 * the deployment reaches its outcome (including one found after a restart, and a silent auto-rollback found by
 * comparing the endpoint's configuration).
 *
 * @param endpointName  the endpoint
 * @param deploymentId  the deployment's id in the endpoint's history
 * @param fromVersion   the version that served before, or null for the first deployment
 * @param toVersion     the version deployed
 * @param outcome       how it ended
 * @param startedBy     who started the deployment
 * @param rolledBackBy  who rolled it back or aborted it (ROLLED_BACK_BY_PERSON, ABORTED), else null
 * @param alarm         the alarm that triggered an automatic rollback, when known, else null
 * @param reason        why it failed (FAILED), else null
 */
public record DeploymentEnded(String endpointName, String deploymentId, @Nullable Integer fromVersion, int toVersion,
        Outcome outcome, String startedBy, @Nullable String rolledBackBy, @Nullable String alarm,
        @Nullable String reason, Instant at) implements PoseOpsEvent {

    public enum Outcome {
        SUCCEEDED, ROLLED_BACK_AUTOMATICALLY, ROLLED_BACK_BY_PERSON, ABORTED, FAILED
    }
}
