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
    void anAdminReachesTheAdministration() {
        navigate("admin/system", com.vaadin.flow.component.Component.class);
        assertThat(getCurrentView()).isInstanceOf(SystemView.class);
        assertThat(menuTitles()).contains("Overview", "Audit log", "System");
    }

    private java.util.List<String> menuTitles() {
        return find(SideNavItem.class).all().stream().map(SideNavItem::getLabel).toList();
    }
}
