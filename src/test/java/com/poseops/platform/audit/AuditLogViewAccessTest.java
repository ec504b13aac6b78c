package com.poseops.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
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
}
