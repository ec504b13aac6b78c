package com.poseops.platform.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import org.springframework.core.ResolvableType;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;

/** Who may open which page, checked on the server by Vaadin's navigation access control. */
@PoseOpsSpringTest
class NavigationAccessTest extends SpringBrowserlessTest {

    @Test
    @WithAnonymousUser
    void anAnonymousVisitorIsSentToTheLoginPage() {
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).as("where the visitor lands")
                .isEqualTo("login");
        navigate("audit", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        navigate("admin/system", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
        // An unknown address says nothing either: the visitor signs in first.
        navigate("deploy", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(LoginView.class);
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void aSignedInUserGetsTheConsolesNotFoundPageForAnUnknownAddressAndForAPageTheyMayNotOpen() {
        navigate("deploy", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(NotFoundView.class);
        assertThat(find(com.vaadin.flow.component.Component.class).withId("not-found").single().getElement()
                .getTextRecursively()).contains("Page not found").contains("There is nothing at /deploy.");
        assertThat(find(com.vaadin.flow.component.sidenav.SideNav.class).withId("main-nav").all())
                .as("inside the console's shell").hasSize(1);

        navigate("admin/system", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).as("a page the user may not open looks like an unknown one")
                .isInstanceOf(NotFoundView.class);
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void everyMenuEntryHasAnIconOfTheVaadinIconSetNotAnImageUrl() {
        navigate("", com.vaadin.flow.component.Component.class);
        java.util.List<SideNavItem> items = find(SideNavItem.class).all();
        assertThat(items).isNotEmpty().allSatisfy(item -> {
            assertThat(item.getPrefixComponent()).as("prefix of %s", item.getLabel())
                    .isInstanceOf(com.vaadin.flow.component.icon.Icon.class);
            assertThat(((com.vaadin.flow.component.icon.Icon) item.getPrefixComponent()).getElement()
                    .getAttribute("icon")).as("icon of %s", item.getLabel()).startsWith("vaadin:");
        });
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void aViewerSeesTheOverviewAndTheAuditLogButNotTheAdministration() {
        navigate("", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(OverviewView.class);
        assertThat(menuTitles()).contains("Overview", "Audit log").doesNotContain("System");

        navigate("admin/system", com.vaadin.flow.component.Component.class);
        // Vaadin answers a route the user may not open like an unknown one (not revealing that it exists): the
        // not-found error view, at the URL that was asked for; nothing of the System page renders.
        assertThat(getCurrentView()).as("where a VIEWER lands at admin/system").isNotInstanceOf(SystemView.class)
                .isInstanceOf(HasErrorParameter.class);
        assertThat(ResolvableType.forInstance(getCurrentView()).as(HasErrorParameter.class).resolveGeneric(0))
                .as("the error the landing view shows").isEqualTo(NotFoundException.class);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("admin/system");
        assertThat(find(Grid.class).all()).as("grids rendered for a VIEWER at admin/system").isEmpty();
    }

    @Test
    @WithMockUser(username = "root", roles = {"ADMIN", "APPROVER", "DEPLOYER", "VIEWER"})
    void theSystemPageShowsTheEvaluationSettings() {
        navigate("admin/system", com.vaadin.flow.component.Component.class);
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<SystemView.Setting> grid =
                find(com.vaadin.flow.component.grid.Grid.class).withId("configuration").single();
        java.util.Map<String, String> shown = new java.util.HashMap<>();
        for (int row = 0; row < test(grid).size(); row++) {
            shown.put(test(grid).getRow(row).key(), test(grid).getRow(row).value());
        }
        assertThat(shown).containsKeys("Evaluation.imagesDir", "Evaluation.truthCsv", "Evaluation.images");
        assertThat(shown.get("Evaluation.imagesDir")).endsWith("tensorflow-examples");
        assertThat(shown.get("Evaluation.images")).isEqualTo("image1.png, image2.jpeg");
        assertThat(find(com.poseops.platform.ui.components.StatusBadge.class).withId("evaluation-state").single()
                .getText()).isEqualTo("Evaluation on");
    }

    @Test
    @WithMockUser(username = "root", roles = {"ADMIN", "APPROVER", "DEPLOYER", "VIEWER"})
    void anAdminReachesTheAdministration() {
        navigate("admin/system", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(SystemView.class);
        assertThat(menuTitles()).contains("Overview", "Audit log", "System");
    }

    private java.util.List<String> menuTitles() {
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
