package com.poseops.platform.audit.ui;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.audit.AuditPage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every sign-in, registration, decision and deployment, newest first, filterable by user, action and target, one
 * page at a time (never the whole table: a flooded log must not make the page heavy).
 */
@Route("audit")
@PageTitle("Audit log · PoseOps")
@Menu(order = 80, title = "Audit log", icon = "vaadin:records")
@PermitAll
class AuditLogView extends VerticalLayout {

    static final int PAGE_SIZE = 50;

    private final AuditLog auditLog;
    private final Grid<AuditEntry> grid = new Grid<>();
    private final TextField user = filterField("User", "user-filter");
    private final TextField action = filterField("Action", "action-filter");
    private final TextField target = filterField("Target", "target-filter");
    private final Button newest = new Button("Newest", click -> showNewest());
    private final Button newer = new Button("Newer", click -> showNewer());
    private final Button older = new Button("Older", click -> showOlder());
    private final Span position = new Span();
    /** Where a page started (null cursor = the newest page) and the number of its first row. */
    private record Shown(@Nullable String cursor, int firstRow) {
    }

    /** The pages before the one shown, to go back. */
    private final Deque<Shown> previous = new ArrayDeque<>();
    private @Nullable String shownCursor;
    private @Nullable String olderCursor;
    private int firstRow = 1;

    AuditLogView(AuditLog auditLog) {
        this.auditLog = auditLog;
        setSizeFull();
        grid.setId("audit-grid");
        AuditColumns.addTo(grid, true);
        grid.setEmptyStateText("No audit entries match.");
        newest.setId("audit-newest");
        newer.setId("audit-newer");
        older.setId("audit-older");
        position.setId("audit-position");
        HorizontalLayout paging = new HorizontalLayout(newest, newer, older, position);
        paging.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new H2("Audit log"), new HorizontalLayout(user, action, target), grid, paging);
        setFlexGrow(1, grid);
        showNewest();
    }

    private TextField filterField(String label, String id) {
        TextField field = new TextField(label);
        field.setId(id);
        field.setClearButtonVisible(true);
        field.setMaxLength(200);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.addValueChangeListener(change -> showNewest());
        return field;
    }

    private void showNewest() {
        previous.clear();
        firstRow = 1;
        show(null);
    }

    private void showOlder() {
        if (olderCursor == null) {
            return;
        }
        previous.push(new Shown(shownCursor, firstRow));
        firstRow += grid.getListDataView().getItemCount();
        show(olderCursor);
    }

    private void showNewer() {
        if (previous.isEmpty()) {
            return;
        }
        Shown page = previous.pop();
        firstRow = page.firstRow();
        show(page.cursor());
    }

    private void show(@Nullable String cursor) {
        AuditPage page = auditLog.page(new AuditFilter(user.getValue(), action.getValue(), target.getValue()), cursor,
                PAGE_SIZE);
        shownCursor = cursor;
        olderCursor = page.older();
        grid.setItems(page.entries());
        int count = page.entries().size();
        String shown = count == 0 ? "No entries" : String.format(Locale.ROOT, "Entries %,d–%,d", firstRow,
                firstRow + count - 1);
        if (count < PAGE_SIZE && page.older() != null) {
            shown += String.format(Locale.ROOT, " (searched %,d stored entries; Older searches further)",
                    page.examined());
        }
        position.setText(shown);
        newest.setEnabled(cursor != null);
        newer.setEnabled(!previous.isEmpty());
        older.setEnabled(page.older() != null);
    }
}
