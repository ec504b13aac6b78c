package com.poseops.platform.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.EndpointQueries;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.Registrations;
import com.poseops.registry.RegistryService;
import com.poseops.testsupport.LocalEndpoints;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Anchor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The home page: the cards the features contribute, their links, and their updates pushed while the page is open. */
@PoseOpsSpringTest
class OverviewViewTest extends SpringBrowserlessTest {

    @Autowired
    RegistryService registry;
    @Autowired
    AuditLog auditLog;
    @Autowired
    EndpointQueries endpoint;

    @Test
    @WithMockUser(username = "vera-overview", roles = "VIEWER")
    void theCardsComeInTheirOrderAndEachHeadingLinksToAPageTheUserMayOpen() {
        navigate(OverviewView.class);
        List<String> ids = find(Card.class).all().stream().map(card -> card.getId().orElse("")).toList();
        assertThat(ids).as("cards, in order").containsSubsequence("overview-pending-versions", "overview-endpoint",
                "overview-recent-activity", "overview-installation");
        assertThat(((Anchor) find(Card.class).withId("overview-endpoint").single().getTitle()).getHref())
                .isEqualTo("endpoints");
        Card pending = find(Card.class).withId("overview-pending-versions").single();
        assertThat(((Anchor) pending.getTitle()).getHref()).isEqualTo("models");
        assertThat(((Anchor) find(Card.class).withId("overview-recent-activity").single().getTitle()).getHref())
                .isEqualTo("audit");
        // The installation card's page is the System page, which a VIEWER may not open: no link to a dead end.
        Card installation = find(Card.class).withId("overview-installation").single();
        assertThat(installation.getTitle()).as("no link as the title").isNull();
        assertThat(installation.getTitleAsText()).isEqualTo("This installation");
        assertThat(text("installation")).contains("Mode: local").contains("Signed in as vera-overview (VIEWER)");
    }

    @Test
    @WithMockUser(username = "vera-endpoint", roles = "VIEWER")
    void theEndpointCardShowsSageMakersStatusWordWhatServesAndTheLastDeployment() {
        navigate(OverviewView.class);
        LocalEndpoints.awaitServing(endpoint);
        roundTrip();
        Component card = find(Card.class).withId("overview-endpoint").single();
        com.poseops.platform.ui.components.StatusBadge status = find(
                com.poseops.platform.ui.components.StatusBadge.class).from(card).withId("endpoint-status").single();
        assertThat(status.getText()).as("pushed once the endpoint serves").isEqualTo("InService");
        assertThat(status.getTone()).isEqualTo(com.poseops.platform.ui.components.Tone.SUCCESS);
        assertThat(text("endpoint-detail")).startsWith("Endpoint hp-prediction-endpoint is InService, serving ");
        String last = text("endpoint-card-last-deployment");
        assertThat(last).satisfiesAnyOf(none -> assertThat(none).isEqualTo("No deployment yet."),
                some -> assertThat(some).startsWith("Last deployment: "));
    }

    @Test
    @WithMockUser(username = "root-overview", roles = {"ADMIN", "APPROVER", "DEPLOYER", "VIEWER"})
    void anAdminsInstallationCardLinksToTheSystemPage() {
        navigate(OverviewView.class);
        assertThat(((Anchor) find(Card.class).withId("overview-installation").single().getTitle()).getHref())
                .isEqualTo("admin/system");
    }

    @Test
    @WithMockUser(username = "alice-overview", roles = {"APPROVER", "VIEWER"})
    void aNewVersionAppearsWhileThePageIsOpenWithALinkToDecideAndGoesWhenDecided() {
        navigate(OverviewView.class);
        ModelVersion registered = Registrations.register(registry, "dora", "for the overview card");
        roundTrip();

        Component item = pendingItem(registered.version());
        assertThat(item).as("v%s in the card, pushed without a reload", registered.version()).isNotNull();
        Anchor decide = find(Anchor.class).from(item).single();
        assertThat(decide.getText()).isEqualTo("Decide");
        assertThat(decide.getHref()).isEqualTo("models/" + registered.version());

        Users.as("alice-overview", com.poseops.platform.security.Role.APPROVER,
                () -> registry.decide(registered.version(), ApprovalStatus.REJECTED, "not for the overview"));
        roundTrip();
        assertThat(pendingItem(registered.version())).as("a decided version leaves the card").isNull();
    }

    @Test
    @WithMockUser(username = "vera-activity", roles = "VIEWER")
    void aNewAuditEntryIsPushedToTheTopOfRecentActivity() {
        navigate(OverviewView.class);
        auditLog.record("someone", "test.overview", "console", Outcome.DENIED, "pushed");
        roundTrip();
        String first = find(com.vaadin.flow.component.html.ListItem.class).from(
                find(Component.class).withId("recent-activity").single()).all().getFirst().getElement().getTextRecursively();
        assertThat(first).contains("someone · test.overview console");
        assertThat(find(com.poseops.platform.ui.components.StatusBadge.class).from(
                find(Component.class).withId("recent-activity").single()).all().getFirst().getText())
                .isEqualTo("denied");
    }

    private Component pendingItem(int version) {
        return find(com.vaadin.flow.component.html.ListItem.class).all().stream()
                .filter(item -> String.valueOf(version).equals(item.getElement().getAttribute("data-version")))
                .findFirst().orElse(null);
    }

    private String text(String id) {
        return find(Component.class).withId(id).single().getElement().getTextRecursively();
    }
}
