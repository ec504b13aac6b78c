package com.poseops.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The audit log page shows what was recorded, newest first, and its filters narrow it. */
@PoseOpsSpringTest
class AuditLogViewAccessTest extends SpringBrowserlessTest {

    @Autowired
    AuditLog auditLog;

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void aViewerSeesEntriesNewestFirstAndCanFilterByUser() {
        String target = "model-version/" + UUID.randomUUID();
        auditLog.record("alice", "model.approve", target, Outcome.SUCCESS, "ok");
        auditLog.record("bob", "model.reject", target, Outcome.DENIED, "requires role APPROVER");

        navigate("audit", Component.class);
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> grid = find(Grid.class).withId("audit-grid").single();
        test(find(TextField.class).withId("target-filter").single()).setValue(target);

        assertThat(test(grid).size()).isEqualTo(2);
        assertThat(test(grid).getRow(0).actor()).isEqualTo("bob");
        assertThat(test(grid).getRow(0).outcome()).isEqualTo(Outcome.DENIED);

        test(find(TextField.class).withId("user-filter").single()).setValue("ALICE");
        assertThat(test(grid).size()).isEqualTo(1);
        assertThat(test(grid).getRow(0).comment()).isEqualTo("ok");
    }

    /** A flooded log (the probe wrote 14 MB) must not make the page send it all: one page of 50, then Older. */
    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void thePageShowsFiftyEntriesAtATimeAndOlderOnesOnRequest() {
        String target = "flood/" + UUID.randomUUID();
        for (int i = 0; i < 60; i++) {
            auditLog.record("flooder" + i, "sign-in", target, Outcome.FAILURE, "wrong password");
        }
        navigate("audit", Component.class);
        @SuppressWarnings("unchecked")
        Grid<AuditEntry> grid = find(Grid.class).withId("audit-grid").single();
        assertThat(test(grid).size()).as("rows of the newest page").isEqualTo(50);
        assertThat(test(grid).getRow(0).actor()).isEqualTo("flooder59");
        assertThat(find(Span.class).withId("audit-position").single().getText()).isEqualTo("Entries 1–50");

        test(find(Button.class).withId("audit-older").single()).click();
        assertThat(test(grid).getRow(0).actor()).as("first row of the older page").isEqualTo("flooder9");
        assertThat(find(Span.class).withId("audit-position").single().getText()).startsWith("Entries 51–");

        test(find(Button.class).withId("audit-newer").single()).click();
        assertThat(test(grid).getRow(0).actor()).isEqualTo("flooder59");
    }
}
