package com.poseops.training;

import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.inference.training.Hyperparameters;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.TrainingSettings;
import com.poseops.platform.events.TrainingJobEnded;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Training page's service. Every role reads; DEPLOYER and ADMIN start and stop jobs — checked here, on the server,
 * and audited with the job as target ({@code training:<name>}), refusals included. A completed job's artifact becomes
 * a Pending model version (see {@link VersionRegistration}); progress reaches the pages through the one
 * {@link TrainingMonitor} of the console.
 */
public class TrainingService implements AutoCloseable {

    public static final String START = "training.start";
    public static final String STOP = "training.stop";
    public static final int PAGE_SIZE = 50;

    private static final Logger log = LoggerFactory.getLogger(TrainingService.class);

    private final TrainingJobStore store;
    private final TrainingBackend backend;
    private final TrainingMonitor monitor;
    private final DatasetService datasets;
    private final RegistryService registry;
    private final TrainingSettings settings;
    private final Authorization authorization;
    private final AuditLog auditLog;
    private final JobPlanner planner;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String consoleId = "console-" + java.util.UUID.randomUUID();

    public TrainingService(TrainingJobStore store, TrainingBackend backend, TrainingMonitor monitor,
            DatasetService datasets, RegistryService registry, TrainingSettings settings, Authorization authorization,
            AuditLog auditLog, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.backend = backend;
        this.monitor = monitor;
        this.datasets = datasets;
        this.registry = registry;
        this.settings = settings;
        this.authorization = authorization;
        this.auditLog = auditLog;
        this.planner = new JobPlanner(datasets, registry, settings, backend.runsLocally(), clock);
        this.events = events;
        this.clock = clock;
        VersionRegistration registration = new VersionRegistration(store, registry, auditLog);
        monitor.start(registration::completed, this::ended);
    }

    /** Tells the rest of the console (notifications) that a job ended — once, by the first console to claim it. */
    private void ended(TrainingJob job) {
        if (!store.claimEndAnnouncement(job.name(), consoleId)) {
            return;
        }
        TrainingJobEnded.Outcome outcome = switch (job.status()) {
            case COMPLETED -> TrainingJobEnded.Outcome.COMPLETED;
            case STOPPED -> TrainingJobEnded.Outcome.STOPPED;
            default -> TrainingJobEnded.Outcome.FAILED;
        };
        String reason = job.progress().failureReason() != null ? job.progress().failureReason()
                : job.status() == TrainingStatus.STOPPED
                ? job.progress().transitions().stream().reduce((a, b) -> b).map(StatusTransition::message).orElse(null)
                : job.registrationNote();
        java.util.Map<String, String> finals = new java.util.LinkedHashMap<>();
        job.progress().finalMetrics().forEach((name, value) -> finals.put(name,
                String.format(java.util.Locale.ROOT, "%.4f", value)));
        try {
            events.publishEvent(new TrainingJobEnded(job.name(), outcome, job.startedBy(), reason, finals,
                    job.producedVersion(), clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Could not tell that training job {} ended: {}", job.name(), e.getMessage());
        }
    }

    public static String target(String jobName) {
        return "training:" + jobName;
    }

    // ---- reading (every signed-in role) ----

    public TrainingJobStore.Page list(@Nullable String pageToken) {
        return store.page(PAGE_SIZE, pageToken);
    }

    /** The newest job started through PoseOps, if any (one item read). */
    public Optional<TrainingJob> latest() {
        return store.page(1, null).jobs().stream().findFirst();
    }

    public Optional<TrainingJob> find(String name) {
        return store.find(name);
    }

    /** Jobs the backend knows that were not started through PoseOps (aws: ListTrainingJobs). */
    public List<TrainingBackend.JobSummary> externalJobs(int max) {
        try {
            return backend.list(max).stream().filter(summary -> store.find(summary.name()).isEmpty()).toList();
        } catch (SdkException e) {
            log.debug("Could not list training jobs: {}", e.getMessage());
            return List.of();
        }
    }

    public String logTail(TrainingJob job, int lines) {
        return backend.logTail(job, lines);
    }

    /** Why a job's shown state may be old (AWS did not answer the last look), if it is. */
    public Optional<String> staleReason(String jobName) {
        return monitor.staleReason(jobName);
    }

    public Runnable onUpdate(Consumer<TrainingMonitor.Update> listener) {
        return monitor.subscribe(listener);
    }

    public List<Hyperparameters.Definition> hyperparameters() {
        return Hyperparameters.DEFINITIONS;
    }

    public boolean runsLocally() {
        return backend.runsLocally();
    }

    public TrainingSettings settings() {
        return settings;
    }

    public List<Dataset> datasets() {
        return datasets.list();
    }

    /** The model versions that can be calibrated, newest first. */
    public List<ModelVersion> baseVersions() {
        return registry.list(50, null).items();
    }

    /** Whether the model serving now can be calibrated without choosing a version (local mode). */
    public boolean canCalibrateServingModel() {
        return backend.runsLocally() && registry.servingModel().map(s -> s.localFile() != null).orElse(false);
    }

    public Optional<ModelVersion> version(int number) {
        return registry.describe(number);
    }

    public Optional<RegistryService.Baseline> servingBaseline() {
        return registry.servingBaseline();
    }

    /** The evaluation of a produced version, and its progress pushed as it runs. */
    public Optional<com.poseops.registry.EvaluationStatus> evaluation(int version) {
        return registry.evaluation(version);
    }

    public Runnable onEvaluationProgress(Consumer<com.poseops.registry.EvaluationStatus> listener) {
        return registry.onEvaluationProgress(listener);
    }

    /** The audit target of a model version, as evaluation progress names it. */
    public String versionTarget(int version) {
        return registry.target(version);
    }

    public List<AuditEntry> history(String jobName) {
        return auditLog.history(target(jobName), 50);
    }

    /**
     * What a person should know before starting: training images that are also validation or evaluation images
     * (compared by content), which would make the held-out numbers look better than they are.
     */
    public List<String> overlapWarnings(@Nullable String trainDatasetId, @Nullable String validationDatasetId) {
        List<String> warnings = new ArrayList<>();
        if (trainDatasetId == null || trainDatasetId.isBlank()) {
            return warnings;
        }
        if (validationDatasetId != null && !validationDatasetId.isBlank()) {
            List<String> both = datasets.overlap(trainDatasetId, validationDatasetId);
            if (!both.isEmpty()) {
                warnings.add(both.size() + " training image(s) are also validation images (same content): "
                        + names(both) + ". Early stopping and the held-out numbers then measure seen images.");
            }
        }
        Set<String> evaluation = registry.evaluationImageHashes();
        if (!evaluation.isEmpty()) {
            Set<String> training = new HashSet<>(datasets.labelledHashes(trainDatasetId));
            training.retainAll(evaluation);
            if (!training.isEmpty()) {
                warnings.add(training.size() + " training image(s) are also in the Models page's evaluation set; the "
                        + "new version's ECE/Brier there will look better than on unseen images.");
            }
        }
        return warnings;
    }

    // ---- acting (DEPLOYER) ----

    /**
     * Starts a job.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless a DEPLOYER (audited)
     * @throws IllegalArgumentException  for a value that is wrong, saying which (audited)
     * @throws TrainingRefusedException  when the backend cannot take it now (audited)
     */
    public TrainingJob start(StartRequest request) {
        CurrentUser user = authorization.require(Role.DEPLOYER, START, "training");
        TrainingJob job;
        try {
            job = planner.plan(request, user.username());
        } catch (IllegalArgumentException e) {
            auditLog.record(user.username(), START, "training", Outcome.FAILURE, "refused: " + e.getMessage());
            throw e;
        }
        String target = target(job.name());
        store.create(job);
        try {
            backend.start(job);
        } catch (TrainingRefusedException | SdkException e) {
            String reason = e instanceof SdkException ? "SageMaker refused the job: " + e.getMessage() : e.getMessage();
            store.update(job.name(), j -> j.withProgress(new JobProgress(TrainingStatus.FAILED, "Failed",
                    j.progress().transitions(), j.progress().finalMetrics(), reason, null, null, null), j.metrics()));
            auditLog.record(user.username(), START, target, Outcome.FAILURE, job.reason() + " — " + reason);
            monitor.nudge();
            throw e instanceof TrainingRefusedException refused ? refused : new TrainingRefusedException(reason);
        }
        auditLog.record(user.username(), START, target, Outcome.SUCCESS, job.reason() + " — " + summary(job));
        monitor.nudge();
        return job;
    }

    /**
     * Stops a running job (SIGTERM, then SIGKILL after the grace period; aws: StopTrainingJob).
     *
     * @throws org.springframework.security.access.AccessDeniedException unless a DEPLOYER (audited)
     * @throws TrainingRefusedException when the job is not running (audited)
     */
    public void stop(String name) {
        String target = target(name);
        CurrentUser user = authorization.require(Role.DEPLOYER, STOP, target);
        try {
            TrainingJob job = store.find(name).orElseThrow(() -> new TrainingRefusedException("There is no training "
                    + "job " + name + "."));
            if (job.status().isTerminal() || job.status() == TrainingStatus.STOPPING) {
                throw new TrainingRefusedException("Training job " + name + " is " + job.status().label()
                        + " already; only a job in progress can be stopped.");
            }
            backend.stop(job);
        } catch (TrainingRefusedException e) {
            auditLog.record(user.username(), STOP, target, Outcome.FAILURE, e.getMessage());
            throw e;
        } catch (SdkException e) {
            String reason = "SageMaker did not stop the job: " + e.getMessage() + ". Try again.";
            auditLog.record(user.username(), STOP, target, Outcome.FAILURE, reason);
            throw new TrainingRefusedException(reason);
        }
        auditLog.record(user.username(), STOP, target, Outcome.SUCCESS, "stop requested");
        monitor.nudge();
    }

    private static String summary(TrainingJob job) {
        StringBuilder text = new StringBuilder();
        job.channels().forEach(c -> text.append(text.isEmpty() ? "" : ", ").append(c.name()).append(": ")
                .append(c.label()));
        return text + "; hyperparameters " + job.hyperparameters();
    }

    private static String names(List<String> images) {
        return String.join(", ", images.subList(0, Math.min(5, images.size()))) + (images.size() > 5 ? ", …" : "");
    }

    @Override
    public void close() {
        monitor.close();
    }
}
