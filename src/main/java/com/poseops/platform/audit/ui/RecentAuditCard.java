package com.poseops.platform.audit.ui;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.ui.components.EmptyState;
import com.poseops.platform.ui.components.LiveUpdates;
import com.poseops.platform.ui.components.OverviewCard;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.ArrayList;
import java.util.List;

/**
 * Overview card: the newest audit entries (one bounded read of {@value #SHOWN}, never the whole table), with a new
 * entry pushed to the top as it is written.
 */
@org.springframework.stereotype.Component
class RecentAuditCard implements OverviewCard {

    static final int SHOWN = 6;

    private final AuditLog auditLog;

    RecentAuditCard(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public String title() {
        return "Recent activity";
    }

    @Override
    public String page() {
        return "audit";
    }

    @Override
    public String id() {
        return "recent-activity";
    }

    @Override
    public Component create() {
        return new Content();
    }

    private final class Content extends Div {
        private final List<AuditEntry> shown = new ArrayList<>();

        Content() {
            setId("recent-activity");
            shown.addAll(auditLog.newest(AuditFilter.ALL, SHOWN));
            render();
            LiveUpdates.subscribe(this, ui -> auditLog.onRecord(entry -> ui.access(() -> {
                if (shown.stream().anyMatch(known -> known.id().equals(entry.id()))) {
                    return;
                }
                shown.addFirst(entry);
                while (shown.size() > SHOWN) {
                    shown.removeLast();
                }
                render();
            })));
        }

        private void render() {
            removeAll();
            if (shown.isEmpty()) {
                add(EmptyState.of("Nothing has happened yet.", "Sign-ins, registrations, decisions and deployments "
                        + "appear here as they happen; the Audit log page keeps all of them."));
                return;
            }
            UnorderedList list = new UnorderedList();
            list.getStyle().setPadding("0").setMargin("0").set("list-style", "none");
            for (AuditEntry entry : shown) {
                Span what = new Span(AuditColumns.TIME.format(entry.at()) + " · " + entry.actor() + " · "
                        + entry.action() + " " + entry.target() + " ");
                ListItem item = new ListItem(what, AuditColumns.outcomeBadge(entry));
                item.addClassName("recent-activity-entry");
                item.getStyle().setPadding("0.15em 0");
                list.add(item);
            }
            add(list);
        }
    }
}
