package com.poseops.registry;

import static com.poseops.testsupport.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.security.Role;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.poseops.testsupport.Users;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * The Models page's rules through {@link RegistryService} in local mode: real DynamoDB Local, real TensorFlow Lite,
 * the real Lightning int8 model and evaluation set from ../shared.
 */
@PoseOpsSpringTest
class RegistryServiceTest {

    @Autowired
    RegistryService service;

    @Autowired
    AuditLog auditLog;

    @Autowired
    EvaluationStore evaluations;

    @TempDir
    Path temp;

    @Test
    void theVersionsWaitingForADecisionAreTheNewestPendingOnesAndADecidedOneLeaves() {
        ModelVersion older = Registrations.register(service, "dora", "waiting, older");
        ModelVersion newer = Registrations.register(service, "dora", "waiting, newer");

        RegistryService.PendingVersions first = service.waitingForDecision(1);
        assertThat(first.versions()).extracting(ModelVersion::version).containsExactly(newer.version());
        assertThat(first.more()).as("the older one waits too").isTrue();

        Users.as("alice", Role.APPROVER, () -> service.decide(newer.version(), ApprovalStatus.REJECTED, "no"));
        assertThat(service.waitingForDecision(1).versions()).extracting(ModelVersion::version)
                .containsExactly(older.version());
    }

    @Test
    void aDeployerRegistersTheModelItIsPendingAuditedAndEvaluatedWithRealMetrics() throws Exception {
        ModelVersion version = as("dora", Role.DEPLOYER, () -> service.register(TestModels.lightning(),
                "movenet_singlepose_lightning_int8_4.tflite", "Lightning int8 from TF Hub"));

        assertThat(version.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(version.registeredBy()).isEqualTo("dora");
        assertThat(version.description()).isEqualTo("Lightning int8 from TF Hub");
        assertThat(version.modelSha256()).startsWith("cd7cc22f");
        assertThat(Path.of(java.net.URI.create(version.artifactUri()))).as("the stored model file")
                .hasSameBinaryContentAs(TestModels.lightning());

        EvaluationStatus evaluation = Registrations.awaitEvaluation(service, version.version());
        assertThat(evaluation.state()).as("evaluation ended with %s", evaluation.message())
                .isEqualTo(EvaluationStatus.State.DONE);
        assertThat(evaluation.images()).extracting(EvaluationReport.ImageResult::image)
                .containsExactly("image1.png", "image2.jpeg");
        double maxError = Double.parseDouble(evaluation.metrics().get(EvaluationReport.MAX_ERROR));
        double meanError = Double.parseDouble(evaluation.metrics().get(EvaluationReport.MEAN_ERROR));
        double pck = Double.parseDouble(evaluation.metrics().get(EvaluationReport.PCK));
        double latency = Double.parseDouble(evaluation.metrics().get(EvaluationReport.P50_LATENCY));
        System.out.printf("Lightning int8 evaluation: %s%n", evaluation.metrics());
        // Euclidean distance; measured 22.6 px here (image1's worst keypoint). Upstream's 21 px bound is Chebyshev
        // (max of |dx|, |dy|), which is at most this and at least this / sqrt(2).
        assertThat(maxError).as("max keypoint error, px").isPositive().isLessThanOrEqualTo(24.0);
        assertThat(meanError).as("mean keypoint error, px").isPositive().isLessThan(maxError);
        assertThat(pck).as("PCK@0.05").isGreaterThanOrEqualTo(0.8).isLessThanOrEqualTo(1.0);
        assertThat(latency).as("p50 latency, ms").isPositive().isLessThan(1000);
        for (EvaluationReport.ImageResult image : evaluation.images()) {
            assertThat(image.error()).isNull();
            assertThat(image.width()).isPositive();
            // The stored metric has two decimals: allow its rounding.
            assertThat(image.maxErrorPx()).isLessThanOrEqualTo(maxError + 0.005);
        }
        assertThat(service.describe(version.version()).orElseThrow().metrics())
                .as("the metrics are stored on the version").containsAllEntriesOf(evaluation.metrics());

        List<AuditEntry> history = service.history(version.version());
        assertThat(history).extracting(AuditEntry::action)
                .containsExactly(RegistryService.EVALUATE, RegistryService.REGISTER);
        assertThat(history.getLast().actor()).isEqualTo("dora");
        assertThat(history.getLast().outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(history.getLast().target()).isEqualTo("model:hp-prediction-models/" + version.version());
        assertThat(history.getLast().comment()).contains("movenet_singlepose_lightning_int8_4.tflite")
                .contains("192x192 uint8").contains("Lightning int8 from TF Hub");
    }

    @Test
    void brokenEmptyHugeAndWrongShapeUploadsAreRefusedWithTheReasonAuditedAndNothingRegistered() throws IOException {
        int before = newestVersion();
        Path gzip = temp.resolve("model.tar.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(Files.readAllBytes(TestModels.lightning()));
        }
        Map<Path, String> uploads = Map.of(
                Files.write(temp.resolve("empty.tflite"), new byte[0]), "is empty",
                Files.writeString(temp.resolve("notes.tflite"), "<html>not a model</html>", StandardCharsets.UTF_8),
                "is not a TensorFlow Lite model",
                gzip, "is not a TensorFlow Lite model",
                TestModels.huge(temp), "a MoveNet model is at most 64.0 MB",
                TestModels.truncated(temp, 100_000), "corrupt or truncated",
                TestModels.wrongInputShape(temp), "shapes do not fit together");
        for (Map.Entry<Path, String> upload : uploads.entrySet()) {
            String name = upload.getKey().getFileName().toString();
            assertThatThrownBy(() -> as("dora", Role.DEPLOYER, () -> service.register(upload.getKey(), name, "try")))
                    .as(name).isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining(name).hasMessageContaining(upload.getValue())
                    .hasMessageNotContaining(temp.toString());
            List<AuditEntry> audited = auditLog.newest(new AuditFilter("dora", RegistryService.REGISTER, null), 1);
            assertThat(audited.getFirst().outcome()).as(name).isEqualTo(Outcome.FAILURE);
            assertThat(audited.getFirst().comment()).as(name).contains(upload.getValue());
        }
        assertThat(newestVersion()).as("no version was registered").isEqualTo(before);
    }

    @Test
    void aDescriptionIsRequiredAndHostileTextIsKeptHarmless() {
        assertThatThrownBy(() -> as("dora", Role.DEPLOYER,
                () -> service.register(TestModels.lightning(), "m.tflite", "  \n ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("description is required");
        assertThatThrownBy(() -> as("dora", Role.DEPLOYER,
                () -> service.register(TestModels.lightning(), "m.tflite", "x".repeat(5000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000 characters");

        String hostile = "<img src=x onerror=alert(1)>\u0000\u001b[31m'; DROP TABLE--\u202e";
        ModelVersion version = as("dora", Role.DEPLOYER,
                () -> service.register(TestModels.lightning(), "../../etc/passwd\n.tflite", hostile));
        assertThat(version.description()).doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\u202e")
                .contains("<img src=x onerror=alert(1)>");
        assertThat(service.history(version.version()).getLast().comment()).contains("../../etc/passwd .tflite");
    }

    @Test
    void aViewerOrApproverCannotRegisterAndTheRefusalIsAudited() {
        int before = newestVersion();
        for (Role role : List.of(Role.VIEWER, Role.APPROVER)) {
            String user = "user-" + role.name().toLowerCase();
            assertThatThrownBy(() -> as(user, role, () -> service.register(TestModels.lightning(), "m.tflite", "x")))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("DEPLOYER");
            AuditEntry denied = auditLog.newest(new AuditFilter(user, RegistryService.REGISTER, null), 1).getFirst();
            assertThat(denied.outcome()).isEqualTo(Outcome.DENIED);
        }
        assertThat(newestVersion()).isEqualTo(before);
    }

    @Test
    void anApproverDecidesOnceWithACommentAndTheDecisionCannotBeChanged() {
        int v = Registrations.register(service, "dora", "for approval").version();

        assertThatThrownBy(() -> as("alice", Role.APPROVER, () -> service.decide(v, ApprovalStatus.APPROVED, " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comment is required");
        assertThat(service.describe(v).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

        Instant before = Instant.now().minusSeconds(1);
        ModelVersion approved = as("alice", Role.APPROVER,
                () -> service.decide(v, ApprovalStatus.APPROVED, "PCK is as good as before"));
        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(approved.approvalDescription()).isEqualTo("approved by alice: PCK is as good as before");

        assertThatThrownBy(() -> as("bob", Role.ADMIN, () -> service.decide(v, ApprovalStatus.REJECTED, "no")))
                .isInstanceOf(VersionAlreadyDecidedException.class)
                .hasMessageContaining("already decided: approved by alice at");
        assertThat(service.describe(v).orElseThrow().approvalDescription()).as("nothing overwritten")
                .isEqualTo("approved by alice: PCK is as good as before");
        assertThat(service.decisionRecord(v).orElseThrow().decidedAt()).isAfter(before);

        List<AuditEntry> history = service.history(v);
        AuditEntry success = history.stream().filter(e -> e.action().equals(RegistryService.APPROVE)
                && e.outcome() == Outcome.SUCCESS).findFirst().orElseThrow();
        assertThat(success.actor()).isEqualTo("alice");
        assertThat(success.comment()).isEqualTo("PCK is as good as before");
        assertThat(history).filteredOn(e -> e.actor().equals("bob")).extracting(AuditEntry::outcome)
                .containsExactly(Outcome.FAILURE);
        assertThat(history).filteredOn(e -> e.actor().equals("alice") && e.outcome() == Outcome.FAILURE)
                .as("the blank comment was audited").hasSize(1);
    }

    @Test
    void aHugeCommentIsRefusedAndControlCharactersAreNotKept() {
        int v = Registrations.register(service, "dora", "for hostile comments").version();
        assertThatThrownBy(() -> as("alice", Role.APPROVER,
                () -> service.decide(v, ApprovalStatus.APPROVED, "y".repeat(10_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000 characters");
        ModelVersion approved = as("alice", Role.APPROVER,
                () -> service.decide(v, ApprovalStatus.APPROVED, "\u0000fine\u001b[2J <script>x</script>"));
        assertThat(approved.approvalDescription()).isEqualTo("approved by alice: fine [2J <script>x</script>");
    }

    @Test
    void aRejectionStandsToo() {
        int v = Registrations.register(service, "dora", "for rejection").version();
        ModelVersion rejected = as("alice", Role.APPROVER,
                () -> service.decide(v, ApprovalStatus.REJECTED, "max error too high"));
        assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
        // The background evaluation audits too and may finish after the decision: look for alice's entry.
        assertThat(service.history(v)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(RegistryService.REJECT);
            assertThat(entry.actor()).isEqualTo("alice");
        });
    }

    @Test
    void aViewerOrDeployerCannotDecideAndTheDirectCallIsRefusedAndAuditedAsDenied() {
        int v = Registrations.register(service, "dora", "nobody may decide this but an approver").version();
        for (Role role : List.of(Role.VIEWER, Role.DEPLOYER)) {
            String user = "intruder-" + role.name().toLowerCase();
            assertThatThrownBy(() -> as(user, role, () -> service.decide(v, ApprovalStatus.APPROVED, "let me")))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("APPROVER");
        }
        assertThat(service.describe(v).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(service.history(v)).filteredOn(e -> e.outcome() == Outcome.DENIED)
                .extracting(AuditEntry::actor).containsExactlyInAnyOrder("intruder-viewer", "intruder-deployer");
        assertThat(service.decisionRecord(v)).as("no decision record").isEmpty();
    }

    @Test
    void decidingAVersionThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> as("alice", Role.APPROVER, () -> service.decide(99_999, ApprovalStatus.APPROVED, "x")))
                .isInstanceOf(ModelVersionNotFoundException.class).hasMessageContaining("99999");
    }

    @Test
    void anEvaluationCutOffByARestartIsShownAsInterrupted() {
        int v = 88_888;
        evaluations.save(new EvaluationStatus(service.target(v), EvaluationStatus.State.RUNNING, 1, 2, null,
                Instant.now().minusSeconds(60), null, Map.of(), List.of()));
        EvaluationStatus shown = service.evaluation(v).orElseThrow();
        assertThat(shown.state()).isEqualTo(EvaluationStatus.State.FAILED);
        assertThat(shown.message()).contains("Interrupted").contains("Register the model again");
    }

    @Test
    void listingPagesNewestFirst() {
        int a = Registrations.register(service, "dora", "page a").version();
        int b = Registrations.register(service, "dora", "page b").version();
        int c = Registrations.register(service, "dora", "page c").version();
        ModelVersionPage first = service.list(2, null);
        assertThat(first.items()).extracting(ModelVersion::version).containsExactly(c, b);
        assertThat(first.nextToken()).isNotNull();
        ModelVersionPage second = service.list(2, first.nextToken());
        assertThat(second.items().getFirst().version()).isEqualTo(a);
        assertThatThrownBy(() -> service.list(2, "not-a-token")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.list(0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private int newestVersion() {
        List<ModelVersion> items = service.list(1, null).items();
        return items.isEmpty() ? 0 : items.getFirst().version();
    }
}
