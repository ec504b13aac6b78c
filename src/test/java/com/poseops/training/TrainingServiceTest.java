package com.poseops.training;

import static com.poseops.testsupport.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.inference.training.LabelledSets;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.notifications.Notification;
import com.poseops.platform.notifications.NotificationCenter;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.Registrations;
import com.poseops.registry.RegistryService;
import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.testsupport.LocalEndpointRig;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * The training service in local mode, the whole way: datasets uploaded as zips, a job of PoseOps' trainer started by a
 * DEPLOYER, its artifact registered as a Pending version with the job as lineage and evaluated calibrated; a VIEWER
 * refused and audited.
 */
@PoseOpsSpringTest
class TrainingServiceTest {

    /** Short on purpose: CI time. */
    static final Map<String, String> QUICK = Map.of("epochs", "3", "augmentations", "1",
            "validation_augmentations", "2");

    @Autowired
    TrainingService service;

    @Autowired
    TrainingJobStore store;

    @Autowired
    DatasetService datasets;

    @Autowired
    RegistryService registry;

    @Autowired
    AuditLog auditLog;

    @Autowired
    NotificationCenter notifications;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @TempDir
    Path temp;

    Dataset dataset(String name, String... images) throws Exception {
        Path zip = Files.write(temp.resolve(name + ".zip"), LabelledSets.zip(images));
        return as("dora", Role.DEPLOYER, () -> datasets.upload(zip, name + ".zip", name));
    }

    @Test
    void aDeployersJobCompletesAndBecomesAPendingVersionWithLineageEvaluatedAndDeployedAnswersWithItsCalibration() throws Exception {
        Dataset train = dataset("train", LabelledSets.IMAGE1, LabelledSets.SQUAT);
        Dataset validation = dataset("validation", LabelledSets.IMAGE2);

        TrainingJob job = as("dora", Role.DEPLOYER, () -> service.start(new StartRequest("calibrate the scores", QUICK,
                train.id(), validation.id(), null, null, 600)));

        TrainingJob done = TestJobs.await(store, job.name(), "a produced version",
                j -> j.status().isTerminal() && (j.producedVersion() != null || j.registrationNote() != null));
        assertThat(done.status()).as("failure: %s", done.progress().failureReason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(done.registrationNote()).isNull();
        assertThat(done.startedBy()).isEqualTo("dora");
        assertThat(done.reason()).isEqualTo("calibrate the scores");
        assertThat(done.hyperparameters()).containsEntry("epochs", "3").containsEntry("learning_rate", "0.05");
        assertThat(done.progress().finalMetrics()).containsKey(TrainerMetrics.HELD_OUT_ECE_AFTER);

        ModelVersion version = registry.describe(done.producedVersion()).orElseThrow();
        assertThat(version.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(version.sourceJob()).isEqualTo(job.name());
        assertThat(version.registeredBy()).isEqualTo("dora");
        assertThat(version.description()).contains("trained by job " + job.name())
                .contains("train (2 labelled images)").contains("validation (1 labelled images)")
                .contains("held-out ECE");
        assertThat(Registrations.awaitEvaluation(registry, version.version()).state())
                .isEqualTo(com.poseops.registry.EvaluationStatus.State.DONE);
        assertThat(registry.describe(version.version()).orElseThrow().metrics())
                .containsKeys(EvaluationReport.ECE, EvaluationReport.BRIER, EvaluationReport.PCK);
        assertThat(registry.history(version.version())).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(RegistryService.EVALUATE);
            assertThat(entry.comment()).contains("(calibrated scores)");
        });
        assertThat(auditLog.history(TrainingService.target(job.name()), 10)).extracting(AuditEntry::action)
                .contains(TrainingService.START, VersionRegistration.REGISTER);
        assertDeployedWithCalibratedScores(version.version(), Path.of(java.net.URI.create(version.artifactUri())));

        // The rest of the console is told once that the job ended, with the version made from it.
        Notification ended = awaitNotification(job.name());
        assertThat(ended.details()).containsEntry("outcome", "COMPLETED").containsEntry("startedBy", "dora")
                .containsEntry("modelVersion", version.version());
        assertThat(store.active()).as("the monitor has nothing left to do for it: it is not told twice")
                .noneMatch(j -> j.name().equals(job.name()));
        assertThat(store.claimEndAnnouncement(job.name(), "another console")).as("a second console's claim").isFalse();
    }

    /**
     * The trained version, approved and deployed to a local endpoint (real inference-server processes behind the front
     * door, blue/green as the Endpoints page deploys), answers with calibrated scores beside the model's raw ones.
     */
    private void assertDeployedWithCalibratedScores(int version, Path model) throws Exception {
        assertThat(model.resolveSibling(com.poseops.inference.calibration.CalibrationFile.FILE_NAME))
                .as("the calibration beside the version's model").isRegularFile();
        as("alice", Role.APPROVER, () -> registry.decide(version, ApprovalStatus.APPROVED, "calibrated, deploy it"));
        String name = "trained-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (LocalEndpointRig rig = LocalEndpointRig.start(context, name, com.poseops.inference.TestData
                .lightningInt8Model(), 60.0)) {
            rig.awaitInService();
            Deployment started = as("dora", Role.DEPLOYER, () -> rig.service().deploy(version,
                    new DeploymentPolicy(DeploymentPolicy.TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, false)));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(180).toNanos();
            Deployment done = null;
            while (done == null && System.nanoTime() < deadline) {
                done = rig.monitor().recentDeployments().stream()
                        .filter(d -> d.id().equals(started.id()) && d.outcome().finished()).findFirst().orElse(null);
                Thread.sleep(200);
            }
            assertThat(done).as("the deployment of version %s ended", version).isNotNull();
            assertThat(done.outcome()).as("outcome (%s)", done.outcomeDetail()).isEqualTo(Deployment.Outcome.SUCCEEDED);

            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(rig.frontDoor().resolve("/endpoints/" + name + "/invocations"))
                            .header("Content-Type", "image/jpeg")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(
                                    com.poseops.inference.TestData.tensorflowExamples("image2.jpeg")))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            tools.jackson.databind.JsonNode answer = tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree(response.body());
            assertThat(answer.path("model").path("calibration").asString()).as("the calibration it applied")
                    .isNotBlank();
            int differing = 0;
            for (tools.jackson.databind.JsonNode keypoint : answer.path("keypoints")) {
                assertThat(keypoint.has("rawScore")).as("raw score kept: %s", keypoint).isTrue();
                if (Math.abs(keypoint.path("score").asDouble() - keypoint.path("rawScore").asDouble()) > 1e-6) {
                    differing++;
                }
            }
            assertThat(differing).as("keypoints whose served score is the calibrated one, not the raw one")
                    .isPositive();
        }
    }

    private Notification awaitNotification(String jobName) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (Notification n : notifications.recent(200)) {
                if (n.kind() == Notification.Kind.TRAINING_ENDED && jobName.equals(n.details().get("job"))) {
                    return n;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no notification that " + jobName + " ended");
    }

    @Test
    void aViewerCannotStartOrStopAJobAndBothRefusalsAreAudited() {
        int before = store.page(100, null).jobs().size();

        assertThatThrownBy(() -> as("vera", Role.VIEWER, () -> service.start(new StartRequest("let me", Map.of(), "x",
                null, null, null, 600)))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("vera", Role.VIEWER, () -> {
            service.stop("poseops-calibration-anything");
            return null;
        })).isInstanceOf(AccessDeniedException.class);

        assertThat(store.page(100, null).jobs()).hasSize(before);
        List<AuditEntry> denied = auditLog.newest(AuditFilter.ALL, 30).stream()
                .filter(e -> e.actor().equals("vera") && e.outcome() == Outcome.DENIED).toList();
        assertThat(denied).extracting(AuditEntry::action).contains(TrainingService.START, TrainingService.STOP);
    }

    @Test
    void aHyperparameterOfTheWrongTypeIsRefusedBeforeAJobExists() throws Exception {
        Dataset train = dataset("train-x", LabelledSets.IMAGE1);
        int before = store.page(100, null).jobs().size();

        assertThatThrownBy(() -> as("dora", Role.DEPLOYER, () -> service.start(new StartRequest("typo",
                Map.of("epochs", "ten"), train.id(), null, null, null, 600))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Hyperparameter epochs = 'ten' is not a whole number; expected a whole number from 1 to "
                        + "1000 (default 60).");
        assertThat(store.page(100, null).jobs()).hasSize(before);
    }

    @Test
    void trainingImagesThatAreAlsoValidationImagesAreWarnedAbout() throws Exception {
        Dataset train = dataset("overlap-train", LabelledSets.IMAGE1, LabelledSets.IMAGE2);
        Dataset validation = dataset("overlap-validation", LabelledSets.IMAGE2);

        assertThat(service.overlapWarnings(train.id(), validation.id()))
                .anySatisfy(w -> assertThat(w).startsWith("1 training image(s) are also validation images")
                        .contains(LabelledSets.IMAGE2))
                .anySatisfy(w -> assertThat(w).contains("also in the Models page's evaluation set"));
        assertThat(service.overlapWarnings(dataset("clean", LabelledSets.SQUAT).id(), validation.id())).isEmpty();
    }
}
