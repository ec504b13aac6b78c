package com.poseops.platform.audit.ui;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.vaadin.flow.component.grid.Grid;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The columns of a grid of audit entries, the same on the audit log page and in a model version's history. */
public final class AuditColumns {

    /** How audit times are shown: to the second, in the server's time zone. */
    public static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private AuditColumns() {
    }

    /**
     * Adds When, Who, Action, (Target,) Outcome and Comment.
     *
     * @param withTarget false where every entry has the same target (one model version's history)
     */
    public static void addTo(Grid<AuditEntry> grid, boolean withTarget) {
        grid.addColumn(entry -> TIME.format(entry.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        if (withTarget) {
            grid.addColumn(AuditEntry::target).setHeader("Target").setAutoWidth(true);
        }
        grid.addComponentColumn(AuditColumns::outcomeBadge).setHeader("Outcome").setWidth("7.5em").setFlexGrow(0);
        grid.addColumn(entry -> entry.comment() == null ? "" : entry.comment()).setHeader("Comment").setFlexGrow(1);
    }

    /** An entry's outcome as the console shows it everywhere: "success", "failure" or "denied" in its tone. */
    public static StatusBadge outcomeBadge(AuditEntry entry) {
        StatusBadge badge = StatusBadge.of(entry.outcome().name().toLowerCase(Locale.ROOT), switch (entry.outcome()) {
            case SUCCESS -> Tone.SUCCESS;
            case FAILURE -> Tone.WARNING;
            case DENIED -> Tone.ERROR;
        });
        badge.addClassName("audit-outcome");
        return badge;
    }
}
