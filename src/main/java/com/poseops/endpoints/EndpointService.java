package com.poseops.endpoints;

import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.InstanceSettings;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelRegistry;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The Endpoints page's actions, the same in both modes: deploy an Approved version, roll back to the previous
 * deployment's configuration, abort the deployment in progress. Every action checks DEPLOYER on the server and is
 * audited, refusals included; one deployment at a time per endpoint ({@link DeploymentLock}); each is recorded in
 * the {@link DeploymentHistory} and followed to its end by the {@link EndpointMonitor}.
 */
public class EndpointService {

    public static final String DEPLOY = "endpoint.deploy";
    public static final String ROLLBACK = "endpoint.rollback";
    public static final String ABORT = "endpoint.abort";
    /** A rollback moves all traffic at once, without alarms (it goes back to what served before). */
    public static final DeploymentPolicy ROLLBACK_POLICY = new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0,
            DeploymentPolicy.MIN_EXECUTION_SECONDS, false);
    public static final int MAX_REASON = 500;

    /** What a rollback would do: from the serving model back to the one served before it was deployed. */
    public record RollbackPlan(ServedModel from, ServedModel to, String toConfig) {
    }

    private final EndpointControlPlane controlPlane;
    private final EndpointMonitor monitor;
    private final DeploymentHistory history;
    private final DeploymentLock lock;
    private final RegistryService registry;
    private final InstanceSettings instance;
    private final Authorization authorization;
    private final AuditLog auditLog;
    private final Clock clock;

    public EndpointService(EndpointControlPlane controlPlane, EndpointMonitor monitor, DeploymentHistory history,
            DeploymentLock lock, RegistryService registry, InstanceSettings instance, Authorization authorization,
            AuditLog auditLog, Clock clock) {
        this.controlPlane = controlPlane;
        this.monitor = monitor;
        this.history = history;
        this.lock = lock;
        this.registry = registry;
        this.instance = instance;
        this.authorization = authorization;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public String endpointName() {
        return controlPlane.endpointName();
    }

    /** The audit target of the endpoint: {@code endpoint:<name>}. */
    public String target() {
        return "endpoint:" + controlPlane.endpointName();
    }

    /** The one poller's view of the endpoint (cheap; never calls AWS on the caller's thread). */
    public EndpointQueries queries() {
        return monitor;
    }

    /** The newest deployments, newest first. */
    public List<Deployment> history() {
        return monitor.recentDeployments();
    }

    /** Versions that may be deployed (Approved), newest first. */
    public List<ModelVersion> deployableVersions() {
        return registry.list(ModelRegistry.MAX_PAGE_SIZE, null).items().stream()
                .filter(version -> version.status() == ApprovalStatus.APPROVED).toList();
    }

    /** The instance type and count a deployment gets ({@code Instance.*}). */
    public InstanceSettings instance() {
        return instance;
    }

    /** The rollback alarms a deployment with alarms on is guarded by. */
    public List<RollbackAlarm> rollbackAlarms() {
        return monitor.rollbackAlarms();
    }

    // ---- deploy ----

    /**
     * Rolls out an Approved version: creates the endpoint on the first deploy, else a blue/green update following
     * {@code policy}, guarded by the rollback alarms when the policy says so.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless the user is a DEPLOYER (audited)
     * @throws DeploymentRefusedException     when the version does not exist or is not Approved, or the endpoint is
     *                                        busy (audited)
     * @throws DeploymentInProgressException  when another deployment holds the endpoint, naming who (audited)
     * @throws EndpointUnavailableException   when the control plane failed (audited, recorded as a failed deployment)
     */
    public Deployment deploy(int version, DeploymentPolicy policy) {
        String action = "deploy version " + version;
        CurrentUser user = authorization.require(Role.DEPLOYER, DEPLOY, target());
        ModelVersion candidate;
        Optional<EndpointDescription> description;
        try {
            candidate = registry.describe(version).orElseThrow(() -> new DeploymentRefusedException(
                    "There is no version " + version + " in the registry " + registry.group() + "."));
            if (candidate.status() != ApprovalStatus.APPROVED) {
                throw new DeploymentRefusedException("Only Approved versions can be deployed; version " + version
                        + " is " + label(candidate.status()) + ". Ask an approver to review it on the Models page.");
            }
            description = controlPlane.describe();
            requireIdle(description);
        } catch (DeploymentRefusedException | EndpointUnavailableException e) {
            refused(user, DEPLOY, action, e);
            throw e;
        }
        boolean create = description.isEmpty() || description.get().status() == Status.FAILED;
        Instant startedAt = clock.instant();
        String id = DeploymentHistory.newId(startedAt);
        claim(user, DEPLOY, action, "a deploy of version " + version, id, startedAt);
        List<RollbackAlarm> alarms = policy.autoRollback() && !create ? monitor.rollbackAlarms() : List.of();
        DeploymentTarget target = new DeploymentTarget(version, candidate.artifactUri(), candidate.modelSha256(),
                instance.instanceType(), instance.instanceCount());
        ServedModel to = new ServedModel(candidate.id(), version, candidate.artifactUri(), candidate.modelSha256());
        ServedModel from = create ? null : serving(description.get());
        String fromConfig = create ? null : description.get().endpointConfigName();
        Deployment.Kind kind = create ? Deployment.Kind.CREATE : Deployment.Kind.DEPLOY;
        String toConfig;
        try {
            if (!alarms.isEmpty()) {
                controlPlane.putAlarms(alarms);
            }
            toConfig = create ? controlPlane.create(target) : controlPlane.update(target, policy, alarms);
        } catch (RuntimeException e) {
            failedToStart(user, DEPLOY, id, kind, from, to, fromConfig, policy, alarms, startedAt, e);
            throw e;
        }
        return started(user, DEPLOY, new Deployment(id, endpointName(), kind, from, to, fromConfig, toConfig, policy,
                alarms.stream().map(RollbackAlarm::name).toList(), user.username(), startedAt, null,
                Outcome.IN_PROGRESS, null), describe(policy, alarms));
    }

    // ---- rollback ----

    /** What {@link #rollback()} would do now, if anything (for the confirmation dialog). */
    public Optional<RollbackPlan> rollbackPlan() {
        EndpointDescription description = monitor.current().description();
        return description == null ? Optional.empty() : rollbackPlan(description, monitor.recentDeployments());
    }

    /**
     * Goes back to the configuration that served before the current one was deployed, all traffic at once.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless the user is a DEPLOYER (audited)
     * @throws DeploymentRefusedException    when there is nothing to roll back to or the endpoint is busy (audited)
     * @throws DeploymentInProgressException when another deployment holds the endpoint (audited)
     */
    public Deployment rollback() {
        CurrentUser user = authorization.require(Role.DEPLOYER, ROLLBACK, target());
        String action = "roll back";
        EndpointDescription description;
        RollbackPlan plan;
        try {
            description = controlPlane.describe().orElseThrow(() -> new DeploymentRefusedException(
                    "There is no endpoint " + endpointName() + " to roll back."));
            if (description.status() != Status.IN_SERVICE) {
                throw new DeploymentRefusedException("Endpoint " + endpointName() + " is "
                        + description.status().label() + "; it can be rolled back once it is InService.");
            }
            plan = rollbackPlan(description, history.newest(endpointName(), 100).stream()
                    .map(DeploymentHistory.Entry::deployment).toList()).orElseThrow(() ->
                    new DeploymentRefusedException("Nothing to roll back to: " + serving(description).label()
                            + " was not deployed through PoseOps over an earlier version."));
        } catch (DeploymentRefusedException | EndpointUnavailableException e) {
            refused(user, ROLLBACK, action, e);
            throw e;
        }
        action = "roll back from " + plan.from().label() + " to " + plan.to().label();
        Instant startedAt = clock.instant();
        String id = DeploymentHistory.newId(startedAt);
        claim(user, ROLLBACK, action, "a rollback to " + plan.to().label(), id, startedAt);
        try {
            controlPlane.updateTo(plan.toConfig(), ROLLBACK_POLICY, List.of());
        } catch (RuntimeException e) {
            failedToStart(user, ROLLBACK, id, Deployment.Kind.ROLLBACK, plan.from(), plan.to(),
                    description.endpointConfigName(), ROLLBACK_POLICY, List.of(), startedAt, e);
            throw e;
        }
        return started(user, ROLLBACK, new Deployment(id, endpointName(), Deployment.Kind.ROLLBACK, plan.from(),
                plan.to(), description.endpointConfigName(), plan.toConfig(), ROLLBACK_POLICY, List.of(),
                user.username(), startedAt, null, Outcome.IN_PROGRESS, null), "all at once");
    }

    /**
     * The configuration before the serving one: the newest successful deploy that put the serving configuration in
     * place, and what served before it.
     */
    static Optional<RollbackPlan> rollbackPlan(EndpointDescription description, List<Deployment> deployments) {
        for (Deployment deployment : deployments) {
            if (deployment.kind() == Deployment.Kind.DEPLOY && deployment.outcome() == Outcome.SUCCEEDED
                    && deployment.toConfig().equals(description.endpointConfigName())
                    && deployment.fromConfig() != null && deployment.from() != null) {
                return Optional.of(new RollbackPlan(serving(description), deployment.from(),
                        deployment.fromConfig()));
            }
        }
        return Optional.empty();
    }

    // ---- abort ----

    /**
     * Stops the deployment in progress; all traffic goes back to the old version.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless the user is a DEPLOYER (audited)
     * @throws DeploymentRefusedException when no deployment is in progress (audited)
     */
    public void abort(String reason) {
        CurrentUser user = authorization.require(Role.DEPLOYER, ABORT, target());
        String why = reason == null ? "" : reason.strip();
        Deployment active;
        try {
            if (why.length() > MAX_REASON) {
                throw new DeploymentRefusedException("The reason has " + why.length() + " characters; at most "
                        + MAX_REASON + " are kept. Shorten it.");
            }
            active = history.newest(endpointName(), 20).stream().map(DeploymentHistory.Entry::deployment)
                    .filter(d -> d.outcome() == Outcome.IN_PROGRESS).findFirst()
                    .orElseThrow(() -> new DeploymentRefusedException("No deployment is in progress on endpoint "
                            + endpointName() + "; there is nothing to abort."));
            if (!history.requestAbort(endpointName(), active.id(), user.username(), why)) {
                throw new DeploymentRefusedException("The deployment ended before the abort arrived.");
            }
            controlPlane.abortDeployment("Aborted by " + user.username() + (why.isEmpty() ? "" : ": " + why));
        } catch (DeploymentRefusedException | EndpointUnavailableException e) {
            refused(user, ABORT, "abort", e);
            throw e;
        }
        auditLog.record(user.username(), ABORT, target(), AuditEntry.Outcome.SUCCESS, "aborted "
                + active.kind().label().toLowerCase(Locale.ROOT) + " of " + active.to().label() + " started by "
                + active.startedBy() + (why.isEmpty() ? "" : ": " + why));
        monitor.refreshNow();
    }

    // ---- helpers ----

    /** A deployment starts from InService (or replaces a Failed endpoint), never in the middle of something. */
    private void requireIdle(Optional<EndpointDescription> description) {
        Status status = description.map(EndpointDescription::status).orElse(null);
        if (status != null && status != Status.IN_SERVICE && status != Status.FAILED) {
            throw new DeploymentRefusedException("Endpoint " + endpointName() + " is " + status.label()
                    + "; wait until it is InService and try again.");
        }
    }

    /** @param what how the claim reads to someone refused by it, e.g. "a deploy of version 3" */
    private void claim(CurrentUser user, String auditAction, String action, String what, String id, Instant at) {
        try {
            lock.claim(new DeploymentLock.Claim(endpointName(), id, user.username(), what, at));
        } catch (DeploymentInProgressException e) {
            refused(user, auditAction, action, e);
            throw e;
        }
    }

    private Deployment started(CurrentUser user, String auditAction, Deployment deployment, String how) {
        try {
            history.start(deployment);
        } finally {
            monitor.follow(deployment.id());
        }
        auditLog.record(user.username(), auditAction, target(), AuditEntry.Outcome.SUCCESS, "started: "
                + deployment.kind().label().toLowerCase(Locale.ROOT) + " " + (deployment.from() == null ? ""
                : deployment.from().label() + " → ") + deployment.to().label() + " (" + how + ", configuration "
                + deployment.toConfig() + ")");
        monitor.refreshNow();
        return deployment;
    }

    /** The control plane refused or failed: the attempt is kept in the history as failed, and the claim released. */
    private void failedToStart(CurrentUser user, String auditAction, String id, Deployment.Kind kind,
            @Nullable ServedModel from, ServedModel to, @Nullable String fromConfig, DeploymentPolicy policy,
            List<RollbackAlarm> alarms, Instant startedAt, RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        try {
            history.start(new Deployment(id, endpointName(), kind, from, to, fromConfig, "(not created)", policy,
                    alarms.stream().map(RollbackAlarm::name).toList(), user.username(), startedAt, clock.instant(),
                    Outcome.FAILED, reason));
        } finally {
            lock.release(endpointName(), id);
        }
        auditLog.record(user.username(), auditAction, target(), AuditEntry.Outcome.FAILURE, kind.label() + " of "
                + to.label() + " failed to start: " + reason);
        monitor.refreshNow();
    }

    private void refused(CurrentUser user, String auditAction, String action, RuntimeException e) {
        auditLog.record(user.username(), auditAction, target(), AuditEntry.Outcome.FAILURE, action + " — refused: "
                + e.getMessage());
    }

    private static ServedModel serving(EndpointDescription description) {
        return description.variants().getFirst().model();
    }

    private static String label(ApprovalStatus status) {
        return switch (status) {
            case PENDING -> "Pending";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
        };
    }

    /** The policy in words, e.g. "canary 10 %, bake 300 s, alarms poseops-…-latency, poseops-…-5xx". */
    public static String describe(DeploymentPolicy policy, List<RollbackAlarm> alarms) {
        String routing = switch (policy.routing()) {
            case ALL_AT_ONCE -> "all at once";
            case CANARY -> "canary " + policy.stepPercent() + " %";
            case LINEAR -> "linear " + policy.stepPercent() + " % steps";
        };
        return routing + ", bake " + policy.waitIntervalSeconds() + " s, termination wait "
                + policy.terminationWaitSeconds() + " s, at most " + policy.maximumExecutionSeconds() + " s, "
                + (alarms.isEmpty() ? "no rollback alarms" : "alarms " + alarms.stream().map(RollbackAlarm::name)
                .collect(Collectors.joining(", ")));
    }
}
