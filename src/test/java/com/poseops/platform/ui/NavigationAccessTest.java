package com.poseops.platform.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.sidenav.SideNavItem;
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
        assertThat(getCurrentView()).isNotInstanceOf(SystemView.class);
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
