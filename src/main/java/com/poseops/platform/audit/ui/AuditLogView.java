package com.poseops.platform.audit.ui;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Every sign-in, registration, decision and deployment, newest first, filterable by user, action and target. */
@Route("audit")
@PageTitle("Audit log · PoseOps")
@Menu(order = 80, title = "Audit log", icon = "vaadin:records")
@PermitAll
class AuditLogView extends VerticalLayout {

    static final int LIMIT = 500;

    private final AuditLog auditLog;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final TextField user = filterField("User", "user-filter");
    private final TextField action = filterField("Action", "action-filter");
    private final TextField target = filterField("Target", "target-filter");

    AuditLogView(AuditLog auditLog) {
        this.auditLog = auditLog;
        setSizeFull();
        grid.setId("audit-grid");
        AuditColumns.addTo(grid, true);
        grid.setEmptyStateText("No audit entries match.");
        add(new H2("Audit log"), new HorizontalLayout(user, action, target), grid);
        setFlexGrow(1, grid);
        refresh();
    }

    private TextField filterField(String label, String id) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setClearButtonVisible(true);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.addValueChangeListener(change -> refresh());
        return field;
    }

    private void refresh() {
        grid.setItems(auditLog.newest(new AuditFilter(user.getValue(), action.getValue(), target.getValue()), LIMIT));
    }
}
