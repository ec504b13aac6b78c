package com.poseops.pose.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointQueries;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.local.LocalControlPlane;
import com.poseops.inference.TestData;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditLog;
import com.poseops.pose.PoseResult;
import com.poseops.pose.PoseService;
import com.poseops.pose.UploadRecord;
import com.poseops.testsupport.LocalEndpoints;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.upload.Upload;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The Pose page in the whole console (local mode, DynamoDB Local, a real local endpoint serving the shared Lightning
 * int8 model), browserless: what a person sees after an upload, after a bad file, and when the endpoint is down.
 */
@PoseOpsSpringTest
class PoseViewTest extends SpringBrowserlessTest {

    @Autowired
    EndpointQueries endpoint;
    @Autowired
    LocalControlPlane localEndpoint;
    @Autowired
    PoseService service;
    @Autowired
    AuditLog auditLog;

    @BeforeEach
    void endpointServes() {
        LocalEndpoints.awaitServing(endpoint);
    }

    @Test
    @WithMockUser(username = "vera-pose", roles = "VIEWER")
    void aViewerUploadsAPhotoAndSeesTheKeypointsTheTableTheTimingsAndTheHistory() throws Exception {
        PoseView view = navigate("pose", PoseView.class);
        assertThat(text("endpoint-status")).isEqualTo("InService");
        assertThat(text("endpoint-detail")).startsWith("Endpoint hp-prediction-endpoint is InService");
        assertThat(text("upload-hint")).contains("JPEG or PNG").contains("6 MB");
        String name = "image2-" + UUID.randomUUID().toString().substring(0, 8) + ".jpeg";

        upload(name, "image/jpeg", Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg")));

        assertThat(view.errorMessage()).as("error box").isEmpty();
        assertThat(view.overlay().drawnKeypoints()).as("keypoints drawn at the default threshold 0.3")
                .hasSizeBetween(12, 17);
        assertThat(view.overlay().threshold()).isEqualTo(0.3);
        @SuppressWarnings("unchecked")
        Grid<PoseResult.Keypoint> table = find(Grid.class).withId("pose-keypoints").single();
        assertThat(test(table).size()).isEqualTo(17);
        assertThat(test(table).getRow(0).name()).isEqualTo("nose");
        assertThat(text("pose-model")).contains("movenet_singlepose_lightning_int8_4").contains("192 px");
        assertThat(text("pose-latency")).matches("Inference \\d+ ms \\(endpoint total \\d+ ms\\) · round trip \\d+ ms "
                + "· total \\d+ ms");
        assertThat(text("pose-endpoint")).isEqualTo("Endpoint: hp-prediction-endpoint · variant blue");

        @SuppressWarnings("unchecked")
        Grid<UploadRecord> history = find(Grid.class).withId("pose-history").single();
        UploadRecord newest = test(history).getRow(0);
        assertThat(newest.fileName()).isEqualTo(name);
        assertThat(newest.meanScore()).isBetween(0.3, 1.0);
        assertThat(newest.variant()).isEqualTo("blue");

        BufferedImage png = downloadPng();
        assertThat(png.getWidth()).isEqualTo(view.shown().result().image().width());
        assertThat(png.getHeight()).isEqualTo(view.shown().result().image().height());

        view.overlay().applyThreshold(0.9);
        assertThat(view.overlay().drawnKeypoints()).as("keypoints scoring ≥ 0.9")
                .allSatisfy(k -> assertThat(k.score()).isGreaterThanOrEqualTo(0.9))
                .hasSizeLessThan(12);

        List<AuditEntry> audit = auditLog.history("upload/" + newest.id(), 5);
        assertThat(audit).extracting(AuditEntry::action).contains("pose.predict");
        assertThat(audit.getFirst().outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS);
        assertThat(audit.getFirst().actor()).isEqualTo("vera-pose");
    }

    @Test
    @WithMockUser(username = "vera-pose-again", roles = "VIEWER")
    void clickingAnEarlierUploadShowsItAgainWithoutANewInference() throws Exception {
        PoseView view = navigate("pose", PoseView.class);
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        upload("first.jpeg", "image/jpeg", jpeg);
        List<PoseResult.Keypoint> first = view.shown().result().keypoints();
        upload("second.png", "image/png", pngOf(TestData.tensorflowExamples("image1.png")));
        assertThat(view.shown().upload().fileName()).isEqualTo("second.png");

        @SuppressWarnings("unchecked")
        Grid<UploadRecord> history = find(Grid.class).withId("pose-history").single();
        assertThat(test(history).getRow(0).fileName()).as("newest first").isEqualTo("second.png");
        assertThat(test(history).getRow(1).fileName()).isEqualTo("first.jpeg");
        long predictionsBefore = predictions("vera-pose-again");
        test(history).clickRow(1);

        assertThat(view.shown().fromHistory()).isTrue();
        assertThat(view.shown().upload().fileName()).isEqualTo("first.jpeg");
        assertThat(view.shown().result().keypoints()).isEqualTo(first);
        assertThat(text("pose-source")).startsWith("Shown from the history (no new inference)");
        assertThat(predictions("vera-pose-again")).as("pose.predict/retry audit entries: no new inference")
                .isEqualTo(predictionsBefore);
    }

    @Test
    @WithMockUser(username = "vera-bad-files", roles = "VIEWER")
    void badFilesAreRefusedWithAMessageAndNothingIsStored() {
        navigate("pose", PoseView.class);
        int before = service.recent().size();

        upload("notes.jpg", "image/jpeg", "just some text".getBytes(StandardCharsets.UTF_8));
        // Written for the person at the page: no words meant for API clients ("request", "body", "raw bytes").
        assertThat(text("pose-error")).isEqualTo("'notes.jpg' is not a JPEG or PNG photo, whatever its name says: "
                + "its content is something else, or the file is damaged. Choose a photo saved as JPEG or PNG.");

        upload("empty.png", "image/png", new byte[0]);
        assertThat(text("pose-error")).contains("'empty.png' is empty");

        byte[] huge = new byte[6 * 1024 * 1024 + 1];
        huge[0] = (byte) 0xff;
        huge[1] = (byte) 0xd8;
        upload("huge.jpg", "image/jpeg", huge);
        assertThat(text("pose-error")).contains("the limit is 6 MB");

        upload("anim.gif", "image/gif", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(text("pose-error")).contains("'anim.gif' is an image format PoseOps cannot use")
                .contains("convert it to JPEG or PNG");

        upload("<img src=x onerror=alert(1)>.jpg", "image/jpeg", "<script>".getBytes(StandardCharsets.UTF_8));
        assertThat(text("pose-error")).contains("<img src=x onerror=alert(1)>.jpg");

        assertThat(service.recent()).as("history after refused files").hasSize(before);
    }

    @Test
    @WithMockUser(username = "vera-endpoint-down", roles = "VIEWER")
    void whenTheEndpointIsDownTheUploadIsKeptAndCanBeRetriedOnceItIsBack() throws Exception {
        PoseView view = navigate("pose", PoseView.class);
        long pid = servingPid().orElseThrow();
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);

        upload("while-down.jpeg", "image/jpeg", Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg")));

        assertThat(text("pose-error")).satisfiesAnyOf(
                message -> assertThat(message).startsWith("No endpoint is serving yet — ")
                        .contains("OutOfService"),
                message -> assertThat(message).contains("not answering (it may be restarting)"));
        @SuppressWarnings("unchecked")
        Grid<UploadRecord> history = find(Grid.class).withId("pose-history").single();
        UploadRecord failed = test(history).getRow(0);
        assertThat(failed.fileName()).isEqualTo("while-down.jpeg");
        assertThat(failed.predicted()).isFalse();
        assertThat(failed.error()).isNotBlank();

        LocalEndpoints.await(endpoint, "serving again", snapshot -> snapshot.servesTraffic()
                && servingPid().orElse(pid) != pid, Duration.ofSeconds(60));
        roundTrip();
        assertThat(text("endpoint-detail")).as("status pushed to the page")
                .startsWith("Endpoint hp-prediction-endpoint is InService, serving movenet_singlepose_lightning_int8_4");
        Button retry = (Button) test(history).getCellComponent(0, 4).getChildren()
                .filter(Button.class::isInstance).findFirst().orElseThrow();
        assertThat(retry.getId()).hasValue("retry-" + failed.id());
        test(retry).click();

        assertThat(view.errorMessage()).isEmpty();
        assertThat(view.shown().upload().id()).as("the retried upload is shown").isEqualTo(failed.id());
        assertThat(view.shown().result().keypoints()).hasSize(17);
        assertThat(test(history).getRow(0).predicted()).as("the history entry after the retry").isTrue();
        assertThat(auditLog.history("upload/" + failed.id(), 5)).extracting(AuditEntry::action, AuditEntry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("pose.predict", AuditEntry.Outcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple("pose.retry", AuditEntry.Outcome.SUCCESS));
    }

    @Test
    @WithMockUser(username = "no-role", roles = "NOBODY")
    void theServiceRefusesAUserWithoutARoleAndAuditsIt() throws Exception {
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        assertThatThrownBy(() -> service.predict(jpeg, "x.jpeg")).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("VIEWER");
        assertThat(auditLog.history("pose", 20)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("no-role");
            assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
            assertThat(entry.action()).isEqualTo("pose.predict");
        });
        assertThat(endpoint.current().description().status()).isEqualTo(EndpointDescription.Status.IN_SERVICE);
    }

    @Test
    @WithMockUser(username = "vera-no-model", roles = "VIEWER")
    void withoutAModelThePageSaysOnceWhatIsWrongAndHowToFixIt() {
        PoseView view = navigate("pose", PoseView.class);
        // What the local control plane reports on a fresh install without POSEOPS_MODEL_PATH and without network
        // (LocalControlPlaneTest shows the real download refused); here it reaches the page through the snapshot.
        String message = "No model to serve: POSEOPS_MODEL_PATH is not set and the official MoveNet model could not "
                + "be downloaded (no network connection). Set POSEOPS_MODEL_PATH (config.yml PoseOps.modelPath) to a "
                + "MoveNet .tflite file, e.g. movenet_singlepose_lightning_int8_4.tflite, and restart PoseOps.";
        EndpointSnapshot serving = endpoint.current();
        EndpointDescription failed = new EndpointDescription("hp-prediction-endpoint",
                EndpointDescription.Status.FAILED, message, "hp-prediction-config-1", List.of(), null,
                java.time.Instant.now(), java.time.Instant.now());
        view.showStatus(new EndpointSnapshot("hp-prediction-endpoint", failed, null, java.time.Instant.now(), null,
                serving.invocationUrl()));

        assertThat(text("endpoint-status")).isEqualTo("Failed");
        assertThat(text("model-problem")).isEqualTo("The Pose page cannot predict. Endpoint hp-prediction-endpoint "
                + "is Failed: " + message);
        String page = text("endpoint-status") + " " + text("endpoint-detail") + " " + text("model-problem");
        assertThat(page.split(java.util.regex.Pattern.quote(message), -1)).as("the message appears once: %s", page)
                .hasSize(2);

        view.showStatus(serving);
        assertThat(find(com.vaadin.flow.component.Component.class).withId("model-problem").all())
                .as("the problem box once the endpoint serves").isEmpty();
    }

    @Test
    @WithMockUser(username = "vera-threshold", roles = "VIEWER")
    void theKeypointTableMarksThePointsBelowTheThresholdAsTheOverlayDoes() throws Exception {
        PoseView view = navigate("pose", PoseView.class);
        upload("image2-threshold.jpeg", "image/jpeg", Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg")));
        @SuppressWarnings("unchecked")
        Grid<PoseResult.Keypoint> table = find(Grid.class).withId("pose-keypoints").single();

        view.overlay().applyThreshold(0.8);

        List<String> drawnByOverlay = view.overlay().drawnKeypoints().stream().map(PoseResult.Keypoint::name).toList();
        assertThat(drawnByOverlay).as("a threshold of 0.8 hides some keypoints").hasSizeLessThan(17);
        List<String> drawnByTable = new java.util.ArrayList<>();
        List<String> belowInTable = new java.util.ArrayList<>();
        for (int row = 0; row < test(table).size(); row++) {
            String mark = ((com.poseops.platform.ui.components.StatusBadge) test(table)
                    .getCellComponent(row, "drawn")).getText();
            (mark.equals("drawn") ? drawnByTable : belowInTable).add(test(table).getRow(row).name());
        }
        assertThat(drawnByTable).as("rows marked drawn = the overlay's points").containsExactlyElementsOf(drawnByOverlay);
        assertThat(belowInTable).as("rows marked below the threshold").hasSize(17 - drawnByOverlay.size());
    }

    // ---- helpers ----

    private java.util.Optional<Long> servingPid() {
        return localEndpoint.pidsByVariant().values().stream().flatMap(List::stream).findFirst();
    }

    private void upload(String name, String type, byte[] bytes) {
        test(find(Upload.class).withId("pose-upload").single()).upload(name, type, bytes);
        roundTrip();
    }

    private String text(String id) {
        return find(com.vaadin.flow.component.Component.class).withId(id).single().getElement().getText();
    }

    private BufferedImage downloadPng() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        test(find(Anchor.class).withId("pose-download").single()).download(out);
        byte[] png = out.toByteArray();
        assertThat(png).as("downloaded PNG").startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private long predictions(String user) {
        return auditLog.newest(com.poseops.platform.audit.AuditFilter.ALL, 500).stream()
                .filter(e -> e.actor().equals(user) && e.action().startsWith("pose.")
                        && !e.action().equals("pose.history") && !e.action().equals("pose.show"))
                .count();
    }

    private static byte[] pngOf(java.nio.file.Path file) throws Exception {
        return Files.readAllBytes(file);
    }
}
