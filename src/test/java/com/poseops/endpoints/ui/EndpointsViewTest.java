package com.poseops.endpoints.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointService;
import com.poseops.inference.TestData;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.Registrations;
import com.poseops.registry.RegistryService;
import com.poseops.testsupport.LocalEndpoints;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The Endpoints page per role, without a browser, on the console's real local endpoint: what every role sees, what
 * only a DEPLOYER or ADMIN may do, and that the server refuses (and audits) a VIEWER's deploy and rollback even when
 * the page is bypassed.
 */
@PoseOpsSpringTest
class EndpointsViewTest extends SpringBrowserlessTest {

    @Autowired
    EndpointService service;

    @Autowired
    RegistryService registry;

    @Autowired
    AuditLog auditLog;

    @BeforeEach
    void endpointServes() {
        LocalEndpoints.awaitServing(service.queries());
    }

    @Test
    @WithMockUser(username = "vera-endpoints", roles = "VIEWER")
    void aViewerSeesTheEndpointButNoActionAndTheServerRefusesAndAuditsADirectCall() {
        EndpointsView view = navigate(EndpointsView.class);

        assertThat(text("endpoint-name")).isEqualTo("hp-prediction-endpoint");
        assertThat(attribute("endpoint-status-badge", "data-status")).isEqualTo("InService");
        assertThat(text("endpoint-sentence")).startsWith("Endpoint hp-prediction-endpoint is InService, serving");
        assertThat(text("endpoint-url")).matches("http://127\\.0\\.0\\.1:\\d+/endpoints/hp-prediction-endpoint/"
                + "invocations");
        assertThat(text("endpoint-url")).isEqualTo(service.queries().current().invocationUrl().toString());
        EndpointDescription.Variant variant = test(view.variantsGrid()).getRow(0);
        assertThat(variant.instanceType()).isEqualTo("ml.m5.xlarge");
        assertThat(variant.currentWeight()).isEqualTo(1.0);
        assertThat(test(view.variantsGrid()).getCellText(0, 3)).isEqualTo("100 %");
        assertThat(find(Button.class).withId("deploy-button").all()).as("no visible deploy-button").isEmpty();
        assertThat(find(Button.class).withId("rollback-button").all()).as("no visible rollback-button").isEmpty();

        assertThatThrownBy(() -> service.deploy(1, DeploymentPolicy.defaults()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(service::rollback).isInstanceOf(AccessDeniedException.class);
        assertThat(auditLog.history(service.target(), 50)).filteredOn(e -> e.actor().equals("vera-endpoints"))
                .extracting(AuditEntry::action, AuditEntry::outcome).contains(
                        org.assertj.core.groups.Tuple.tuple(EndpointService.DEPLOY, AuditEntry.Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple(EndpointService.ROLLBACK, AuditEntry.Outcome.DENIED));
    }

    @Test
    @WithMockUser(username = "dora-endpoints", roles = {"DEPLOYER", "VIEWER"})
    void aDeployerGetsADeployDialogWithOnlyApprovedVersionsSageMakersLimitsAndTheMetricsToCompare() throws Exception {
        ModelVersion pending = Registrations.register(registry, "dora-endpoints", "pending, not deployable");
        ModelVersion approved = Registrations.register(registry, "dora-endpoints", "approved, deployable");
        Registrations.awaitMetrics(registry, approved.version());
        Users.as("alice", Role.APPROVER, () -> registry.decide(approved.version(), ApprovalStatus.APPROVED, "ok"));
        navigate(EndpointsView.class);

        Button deploy = find(Button.class).withId("deploy-button").single();
        assertThat(rollbackButton().isEnabled()).as("nothing deployed through PoseOps yet: nothing to roll back to")
                .isFalse();
        test(deploy).click();
        DeployDialog dialog = find(DeployDialog.class).single();

        List<Integer> offered = dialog.versionSelect().getListDataView().getItems().map(ModelVersion::version)
                .toList();
        assertThat(offered).contains(approved.version()).doesNotContain(pending.version());
        test(dialog.versionSelect()).selectItem("Version " + approved.version() + " — approved, deployable");
        assertThat(dialog.comparison().getListDataView().getItems().toList())
                .as("the candidate's evaluation metrics, to compare before confirming")
                .anySatisfy(row -> {
                    assertThat(row.metric()).isEqualTo("PCK@0.05");
                    assertThat(row.candidate()).isEqualTo(approved.metrics().isEmpty()
                            ? registry.describe(approved.version()).orElseThrow().metrics().get("pck005")
                            : approved.metrics().get("pck005"));
                });

        @SuppressWarnings("unchecked")
        RadioButtonGroup<DeploymentPolicy.TrafficRouting> routing = find(RadioButtonGroup.class)
                .withId("deploy-routing").single();
        assertThat(routing.getValue()).as("the default policy").isEqualTo(DeploymentPolicy.TrafficRouting.CANARY);
        assertThat(find(com.vaadin.flow.component.checkbox.Checkbox.class).withId("deploy-alarms").single()
                .getValue()).as("rollback alarms on by default").isTrue();
        test(routing).selectItem("Linear");
        test(find(IntegerField.class).withId("deploy-step").single()).setValue(5);
        assertThat(text("deploy-problems")).contains("Linear step must be 10–50 %");
        Button confirm = find(Button.class).withId("confirm-deploy").single();
        assertThat(confirm.isEnabled()).as("Deploy while the policy is outside SageMaker's limits").isFalse();
        test(find(IntegerField.class).withId("deploy-step").single()).setValue(50);
        test(find(IntegerField.class).withId("deploy-max-execution").single()).setValue(100);
        assertThat(text("deploy-problems")).contains("Maximum execution time must be 600–28800 s");
        test(find(IntegerField.class).withId("deploy-max-execution").single()).setValue(900);
        assertThat(text("deploy-problems")).isEmpty();
        assertThat(confirm.isEnabled()).isTrue();
        test(find(Button.class).withId("cancel-deploy").single()).click();
        assertThat(find(DeployDialog.class).all()).isEmpty();
    }

    @Test
    @WithMockUser(username = "adam-endpoints", roles = {"ADMIN", "DEPLOYER", "APPROVER", "VIEWER"})
    void anAdminMayActToo() {
        navigate(EndpointsView.class);
        assertThat(find(Button.class).withId("deploy-button").single().isEnabled()).isTrue();
        assertThat(rollbackButton().isVisible()).isTrue();
    }

    private Button rollbackButton() {
        return find(Button.class).withId("rollback-button").single();
    }

    private String text(String id) {
        return find(Component.class).withId(id).single().getElement().getTextRecursively();
    }

    private String attribute(String id, String name) {
        return find(Component.class).withId(id).single().getElement().getAttribute(name);
    }
}
