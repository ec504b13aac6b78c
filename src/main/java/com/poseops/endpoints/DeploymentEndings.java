package com.poseops.endpoints;

import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.events.DeploymentEnded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What happens when the poller has judged that a deployment ended: the history entry is finished (once, whichever
 * console gets there first), the one-deployment claim is released, the end is audited in the system's name and told
 * to the rest of the console ({@link DeploymentEnded}), a rollback marks the deployment it undid, and old
 * configurations are cleaned up — never one a rollback may need.
 */
final class DeploymentEndings {

    private static final Logger log = LoggerFactory.getLogger(DeploymentEndings.class);
    /** Who the audit log names for what the console concludes by itself. */
    static final String SYSTEM_ACTOR = "poseops";
    /** The audit action of a deployment's end (succeeded, rolled back, aborted, failed). */
    static final String DEPLOYMENT_ENDED = "endpoint.deployment";
    /** Configurations a rollback may go back to: those of the last few deployments are never deleted. */
    static final int CONFIGS_KEPT = 5;
    private static final int HISTORY_LOOKED_AT = 50;
    private static final Duration STALE_CLAIM = Duration.ofMinutes(2);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final EndpointControlPlane controlPlane;
    private final DeploymentHistory history;
    private final DeploymentLock lock;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private Instant lastClaimCheck = Instant.EPOCH;

    DeploymentEndings(EndpointControlPlane controlPlane, DeploymentHistory history, DeploymentLock lock,
            AuditLog auditLog, ApplicationEventPublisher events, Clock clock) {
        this.controlPlane = controlPlane;
        this.history = history;
        this.lock = lock;
        this.auditLog = auditLog;
        this.events = events;
        this.clock = clock;
    }

    void conclude(DeploymentHistory.Entry entry, DeploymentFollower.Verdict verdict,
            Optional<EndpointDescription> description) {
        Deployment deployment = entry.deployment();
        boolean won = history.finish(deployment.endpointName(), deployment.id(), verdict.outcome(), verdict.detail(),
                clock.instant());
        lock.release(deployment.endpointName(), deployment.id());
        if (!won) {
            return; // another console concluded it first
        }
        String what = deployment.kind().label() + " of " + deployment.to().label() + " started by "
                + deployment.startedBy();
        log.info("{} ended: {}{}", what, verdict.outcome().label(),
                verdict.detail() == null ? "" : " — " + verdict.detail());
        auditLog.record(SYSTEM_ACTOR, DEPLOYMENT_ENDED, "endpoint:" + deployment.endpointName(),
                verdict.outcome() == Outcome.SUCCEEDED ? AuditEntry.Outcome.SUCCESS : AuditEntry.Outcome.FAILURE,
                what + ": " + verdict.outcome().label() + (verdict.detail() == null ? "" : " — " + verdict.detail()));
        if (verdict.outcome() != Outcome.SUCCEEDED) {
            publish(deployment, entry, verdict);
            return;
        }
        Deployment undone = deployment.kind() == Deployment.Kind.ROLLBACK && deployment.fromConfig() != null
                ? markRolledBackByPerson(deployment) : null;
        if (undone != null) {
            // what people want to hear about a rollback: the deployment it undid, and by whom
            publish(new DeploymentEnded(undone.endpointName(), undone.id(), version(undone.from()),
                    undone.to().version() == null ? 0 : undone.to().version(),
                    DeploymentEnded.Outcome.ROLLED_BACK_BY_PERSON, undone.startedBy(), deployment.startedBy(), null,
                    null, clock.instant()), undone.to());
        } else if (deployment.kind() != Deployment.Kind.ROLLBACK) {
            publish(deployment, entry, verdict);
        }
        cleanUpConfigs(description);
    }

    /** Tells the rest of the console ({@code DeploymentEnded}, e.g. for notifications); never fails the poll. */
    private void publish(Deployment deployment, DeploymentHistory.Entry entry, DeploymentFollower.Verdict verdict) {
        DeploymentEnded.Outcome outcome = switch (verdict.outcome()) {
            case SUCCEEDED, IN_PROGRESS -> DeploymentEnded.Outcome.SUCCEEDED;
            case ROLLED_BACK_AUTOMATICALLY -> DeploymentEnded.Outcome.ROLLED_BACK_AUTOMATICALLY;
            case ROLLED_BACK_BY_PERSON -> DeploymentEnded.Outcome.ROLLED_BACK_BY_PERSON;
            case ABORTED -> DeploymentEnded.Outcome.ABORTED;
            case FAILED -> DeploymentEnded.Outcome.FAILED;
        };
        publish(new DeploymentEnded(deployment.endpointName(), deployment.id(), version(deployment.from()),
                deployment.to().version() == null ? 0 : deployment.to().version(), outcome, deployment.startedBy(),
                outcome == DeploymentEnded.Outcome.ABORTED ? entry.abortRequestedBy() : null, verdict.alarm(),
                outcome == DeploymentEnded.Outcome.FAILED ? verdict.detail() : null, clock.instant()),
                deployment.to());
    }

    private void publish(DeploymentEnded event, ServedModel to) {
        if (to.version() == null) {
            return; // not a registered version (local mode's first model): nothing a version notification could name
        }
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.warn("Could not publish the end of deployment {}: {}", event.deploymentId(), e.getMessage());
        }
    }

    private static @Nullable Integer version(@Nullable ServedModel model) {
        return model == null ? null : model.version();
    }

    /** The deployment a person's rollback undid now says so; returns it (null when none is found). */
    private @Nullable Deployment markRolledBackByPerson(Deployment rollback) {
        for (DeploymentHistory.Entry entry : history.newest(rollback.endpointName(), HISTORY_LOOKED_AT)) {
            Deployment undone = entry.deployment();
            if (undone.kind() != Deployment.Kind.ROLLBACK && undone.outcome() == Outcome.SUCCEEDED
                    && rollback.fromConfig().equals(undone.toConfig())) {
                boolean relabelled = history.relabel(undone.endpointName(), undone.id(), Outcome.SUCCEEDED,
                        Outcome.ROLLED_BACK_BY_PERSON, "By " + rollback.startedBy() + " at "
                                + TIME.format(rollback.startedAt()) + ", back to " + rollback.to().label() + ".");
                return relabelled ? undone : null;
            }
        }
        return null;
    }

    /** Deletes old configurations, keeping the serving one and those of the last few deployments. */
    private void cleanUpConfigs(Optional<EndpointDescription> description) {
        try {
            Set<String> keep = new HashSet<>();
            description.ifPresent(d -> keep.add(d.endpointConfigName()));
            for (DeploymentHistory.Entry entry : history.newest(controlPlane.endpointName(), CONFIGS_KEPT)) {
                keep.add(entry.deployment().toConfig());
                if (entry.deployment().fromConfig() != null) {
                    keep.add(entry.deployment().fromConfig());
                }
            }
            controlPlane.deleteConfigsExcept(keep);
        } catch (RuntimeException e) {
            log.warn("Old endpoint configurations were not cleaned up this time: {}", e.getMessage());
        }
    }

    /** A claim whose deployment is not in progress (the console died between claiming and recording) is freed. */
    void releaseStaleClaim(List<DeploymentHistory.Entry> entries) {
        Instant now = clock.instant();
        if (Duration.between(lastClaimCheck, now).compareTo(Duration.ofMinutes(1)) < 0) {
            return;
        }
        lastClaimCheck = now;
        try {
            lock.holder(controlPlane.endpointName()).ifPresent(claim -> {
                boolean inProgress = entries.stream().anyMatch(e -> e.deployment().id().equals(claim.deploymentId())
                        && e.deployment().outcome() == Outcome.IN_PROGRESS);
                if (!inProgress && Duration.between(claim.since(), now).compareTo(STALE_CLAIM) > 0) {
                    log.warn("Releasing the stale deployment claim of {} from {}", claim.heldBy(), claim.since());
                    lock.release(claim.endpointName(), claim.deploymentId());
                }
            });
        } catch (RuntimeException e) {
            log.debug("Could not check the deployment claim: {}", e.getMessage());
        }
    }
}
