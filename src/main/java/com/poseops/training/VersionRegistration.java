package com.poseops.training;

import com.poseops.inference.training.TrainerMetrics;
import com.poseops.inference.training.TrainingPaths;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.registry.TrainedModel;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A completed job's artifact becomes a Pending model version, once: the first console to claim the job registers it
 * (the artifact as it is: the job's S3 output in aws mode), with a description that says plainly what was trained, on
 * how many images, and the held-out calibration error before and after.
 */
final class VersionRegistration {

    static final String REGISTER = "training.register";
    private static final Logger log = LoggerFactory.getLogger(VersionRegistration.class);

    private final TrainingJobStore store;
    private final RegistryService registry;
    private final AuditLog auditLog;
    private final String claimant = "console-" + UUID.randomUUID();

    VersionRegistration(TrainingJobStore store, RegistryService registry, AuditLog auditLog) {
        this.store = store;
        this.registry = registry;
        this.auditLog = auditLog;
    }

    void completed(TrainingJob job) {
        if (job.progress().artifact() == null || !store.claimRegistration(job.name(), claimant)) {
            return;
        }
        String target = TrainingService.target(job.name());
        try {
            ModelVersion version = registry.registerTrained(new TrainedModel(job.name(), job.progress().artifact(),
                    description(job), job.startedBy(), null));
            store.update(job.name(), j -> j.withProducedVersion(version.version(), null));
            auditLog.record(RegistryService.SYSTEM_ACTOR, REGISTER, target, Outcome.SUCCESS, "produced model version "
                    + version.version() + " (Pending) from " + job.progress().artifact());
        } catch (RuntimeException e) {
            String note = "No model version was made from this job: " + e.getMessage();
            log.warn("Registering training job {}: {}", job.name(), e.getMessage());
            store.update(job.name(), j -> j.withProducedVersion(null, note));
            auditLog.record(RegistryService.SYSTEM_ACTOR, REGISTER, target, Outcome.FAILURE, note);
        }
    }

    /** E.g. "Keypoint-confidence calibration of version 1, trained by job … on train (2 labelled images) …". */
    static String description(TrainingJob job) {
        StringBuilder text = new StringBuilder("Keypoint-confidence calibration (per keypoint, on top of the frozen model) of ");
        text.append(job.channel(TrainingPaths.MODEL).map(JobChannel::label).orElse("the model"));
        text.append(", trained by job ").append(job.name()).append(" on ")
                .append(job.channel(TrainingPaths.TRAIN).map(JobChannel::label).orElse("?"));
        job.channel(TrainingPaths.VALIDATION).ifPresent(v -> text.append(", validated on ").append(v.label()));
        Double before = job.progress().finalMetrics().get(TrainerMetrics.HELD_OUT_ECE_BEFORE);
        Double after = job.progress().finalMetrics().get(TrainerMetrics.HELD_OUT_ECE_AFTER);
        if (before != null && after != null) {
            text.append(String.format(Locale.ROOT, "; held-out ECE %.3f → %.3f", before, after));
        }
        return text.append('.').toString();
    }
}
