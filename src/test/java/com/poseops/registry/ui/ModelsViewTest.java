package com.poseops.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.inference.TestData;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.Registrations;
import com.poseops.registry.RegistryService;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/** The Models page per role, without a browser: what each role sees and may do, and what the server refuses. */
@PoseOpsSpringTest
class ModelsViewTest extends SpringBrowserlessTest {

    @Autowired
    RegistryService service;

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void aViewerSeesVersionsButNoRegisterOrDecideButtonsAndADirectCallIsRefusedAndAudited() {
        int v = Registrations.register(service, "dora", "for the viewer").version();
        ModelsView view = navigate(ModelsView.class);

        assertThat(find(Button.class).withId("register-button").all()).as("no visible register-button").isEmpty();
        Grid<ModelVersion> grid = view.grid();
        int row = rowOf(grid, v);
        assertThat(test(grid).getRow(row).registeredBy()).isEqualTo("dora");
        assertThat(test(grid).getRow(row).status()).isEqualTo(ApprovalStatus.PENDING);
        test(grid).select(row);

        assertThat(find(Span.class).withId("detail-title").single().getText()).isEqualTo("Version " + v);
        assertThat(find(Button.class).withId("approve-button").all()).as("no visible approve-button").isEmpty();
        assertThat(find(Button.class).withId("reject-button").all()).as("no visible reject-button").isEmpty();

        assertThatThrownBy(() -> service.decide(v, ApprovalStatus.APPROVED, "I want in"))
                .isInstanceOf(AccessDeniedException.class);
        // The version's background evaluation writes its own entries meanwhile: look for vera's, not the newest.
        assertThat(service.history(v)).as("the version's audit history").anySatisfy(denied -> {
            assertThat(denied.actor()).isEqualTo("vera");
            assertThat(denied.outcome()).isEqualTo(Outcome.DENIED);
            assertThat(denied.action()).isEqualTo(RegistryService.APPROVE);
        });
        assertThat(service.describe(v).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    @WithMockUser(username = "dora", roles = {"DEPLOYER", "VIEWER"})
    void aDeployerRegistersThroughTheUploadAndSeesTheVersionButCannotDecide() throws Exception {
        ModelsView view = navigate(ModelsView.class);
        Button register = find(Button.class).withId("register-button").single();
        assertThat(register.isVisible()).isTrue();
        test(register).click();

        Upload upload = find(Upload.class).withId("model-upload").single();
        test(upload).upload(TestData.lightningInt8Model().toFile());
        test(find(TextArea.class).withId("model-description").single()).setValue("uploaded in a view test");
        test(find(Button.class).withId("confirm-register").single()).click();

        assertThat(find(Span.class).withId("register-error").all()).as("the dialog closed").isEmpty();
        ModelVersion newest = service.list(1, null).items().getFirst();
        assertThat(newest.description()).isEqualTo("uploaded in a view test");
        assertThat(newest.registeredBy()).isEqualTo("dora");
        Grid<ModelVersion> grid = view.grid();
        assertThat(test(grid).getRow(0).version()).isEqualTo(newest.version());
        assertThat(grid.getSelectedItems()).extracting(ModelVersion::version).containsExactly(newest.version());
        assertThat(find(Button.class).withId("approve-button").all()).as("no visible approve-button").isEmpty();

        Registrations.awaitMetrics(service, newest.version());
        view.refresh();
        assertThat(test(grid).getRow(0).metrics()).containsKey(EvaluationReport.MAX_ERROR);
        assertThat(view.chart().getOptions()).as("the chart has the new version")
                .contains("\"v" + newest.version() + "\"");
    }

    @Test
    @WithMockUser(username = "dora", roles = {"DEPLOYER", "VIEWER"})
    void aBrokenUploadIsRefusedInTheDialogWithTheReason() {
        navigate(ModelsView.class);
        int before = service.list(1, null).items().stream().mapToInt(ModelVersion::version).findFirst().orElse(0);
        test(find(Button.class).withId("register-button").single()).click();
        test(find(Upload.class).withId("model-upload").single()).upload("notes.tflite", "application/octet-stream",
                "this is not a model".getBytes());
        test(find(TextArea.class).withId("model-description").single()).setValue("garbage");
        test(find(Button.class).withId("confirm-register").single()).click();

        assertThat(find(Span.class).withId("register-error").single().getText())
                .contains("notes.tflite").contains("not a TensorFlow Lite model");
        assertThat(service.list(1, null).items().stream().mapToInt(ModelVersion::version).findFirst().orElse(0))
                .isEqualTo(before);
    }

    @Test
    @WithMockUser(username = "dora", roles = {"DEPLOYER", "VIEWER"})
    void anOversizedUploadIsRefusedOnTheServerBeforeItIsKept() {
        navigate(ModelsView.class);
        test(find(Button.class).withId("register-button").single()).click();
        test(find(Upload.class).withId("model-upload").single()).upload("huge.tflite", "application/octet-stream",
                new byte[(int) com.poseops.registry.ModelUploadCheck.MAX_MODEL_BYTES + 1]);
        assertThat(find(Span.class).withId("uploaded-file").single().getText()).isEqualTo("No file chosen yet.");
        test(find(TextArea.class).withId("model-description").single()).setValue("too big");
        test(find(Button.class).withId("confirm-register").single()).click();
        assertThat(find(Span.class).withId("register-error").single().getText()).contains("Choose a .tflite file");
    }

    @Test
    @WithMockUser(username = "alice", roles = {"APPROVER", "VIEWER"})
    void anApproverAcceptsWithARequiredComment() {
        int v = Registrations.register(service, "dora", "for the approver").version();
        ModelsView view = navigate(ModelsView.class);
        assertThat(find(Button.class).withId("register-button").all()).as("no visible register-button").isEmpty();
        test(view.grid()).select(rowOf(view.grid(), v));

        Button approve = find(Button.class).withId("approve-button").single();
        assertThat(approve.isVisible()).isTrue();
        test(approve).click();
        test(find(Button.class).withId("confirm-decision").single()).click();
        assertThat(find(Span.class).withId("decision-error").single().getText()).contains("comment");
        assertThat(service.describe(v).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

        test(find(TextArea.class).withId("decision-comment").single()).setValue("numbers look right");
        test(find(Button.class).withId("confirm-decision").single()).click();

        ModelVersion decided = service.describe(v).orElseThrow();
        assertThat(decided.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(decided.approvalDescription()).isEqualTo("approved by alice: numbers look right");
        assertThat(test(view.grid()).getRow(rowOf(view.grid(), v)).status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(find(Button.class).withId("approve-button").all()).as("no visible approve-button").isEmpty();
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> history = find(Grid.class).withId("version-history").single();
        // The background evaluation may finish (and be audited) after the decision: find the decision's row.
        List<AuditEntry> rows = new ArrayList<>();
        for (int row = 0; row < test(history).size(); row++) {
            rows.add(test(history).getRow(row));
        }
        assertThat(rows).as("the version's history in the detail panel").anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(RegistryService.APPROVE);
            assertThat(entry.actor()).isEqualTo("alice");
            assertThat(entry.comment()).isEqualTo("numbers look right");
        });
    }


    @Test
    @WithMockUser(username = "vera-link", roles = "VIEWER")
    void aVersionHasItsOwnAddressAndAnUnknownOneIsTheConsolesNotFoundPage() {
        int v = Registrations.register(service, "dora", "for its own address").version();

        navigate("models/" + v, ModelsView.class);
        assertThat(find(Span.class).withId("detail-title").single().getText()).isEqualTo("Version " + v);
        assertThat(find(com.vaadin.flow.component.html.Div.class).withId("version-metadata").single().getElement()
                .getTextRecursively()).contains("for its own address");

        navigate("models/" + (v + 100_000), com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView().getClass().getSimpleName()).isEqualTo("NotFoundView");
        assertThat(find(com.vaadin.flow.component.Component.class).withId("not-found").single().getElement()
                .getTextRecursively()).contains("There is no model version " + (v + 100_000) + ".");
    }

    @Test
    @WithMockUser(username = "vera-keys", roles = "VIEWER")
    void aRowKeepsItsKeyWhileRegistrationsAndEvaluationsArePushedSoALateClickStillSelectsIt() throws Exception {
        int older = Registrations.register(service, "dora", "clicked later").version();
        ModelsView view = navigate(ModelsView.class);
        Grid<ModelVersion> grid = view.grid();
        int row = rowOf(grid, older);
        ModelVersion shown = test(grid).getRow(row);
        // The key the browser holds for the row, as a click sends it back.
        String key = grid.getDataCommunicator().getKeyMapper().key(shown);

        // Meanwhile: a registration, its evaluation steps and the new metrics are pushed and refresh the grid.
        int newer = Registrations.register(service, "dora", "registered meanwhile").version();
        roundTrip();
        Registrations.awaitMetrics(service, newer);
        roundTrip();

        ModelVersion clicked = grid.getDataCommunicator().getKeyMapper().get(key);
        assertThat(clicked).as("the row the browser's key still names").isNotNull();
        assertThat(clicked.version()).isEqualTo(older);
        grid.select(clicked);
        assertThat(find(Span.class).withId("detail-title").single().getText()).isEqualTo("Version " + older);
    }

    @Test
    @WithMockUser(username = "vera-lazy", roles = "VIEWER")
    void theGridIsLazyAndTheStatusColumnHasRoomForEveryStatus() {
        Registrations.register(service, "dora", "for the lazy grid");
        ModelsView view = navigate(ModelsView.class);
        assertThat(view.grid().getDataProvider().isInMemory()).as("rows come from a lazy data provider").isFalse();
        assertThat(view.registryRequests()).as("pages asked of the registry to open the page").isEqualTo(1);
        Grid.Column<ModelVersion> status = view.grid().getColumnByKey("status");
        assertThat(status.isAutoWidth()).as("a fixed width: a badge that changes from Pending to Approved is not cut")
                .isFalse();
        assertThat(status.getWidth()).isEqualTo("8.5em");
        assertThat(test(view.grid()).getCellComponent(0, "status"))
                .isInstanceOf(com.poseops.platform.ui.components.StatusBadge.class);
    }

    private static int rowOf(Grid<ModelVersion> grid, int version) {
        List<ModelVersion> items = grid.getLazyDataView().getItems().toList();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).version() == version) {
                return i;
            }
        }
        throw new AssertionError("version " + version + " is not in the grid: " + items);
    }
}
