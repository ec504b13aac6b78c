package com.poseops.platform.ui;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.DynamoDbConnection;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.stream.Collectors;

/** The landing page: where this installation runs, who is signed in, and what happened last. */
@Route("")
@PageTitle("Overview · PoseOps")
@Menu(order = 0, title = "Overview", icon = "vaadin:dashboard")
@PermitAll
class OverviewView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    OverviewView(PoseOpsSettings settings, DynamoDbConnection database, AuditLog auditLog) {
        CurrentUser user = CurrentUser.get();
        add(new H2("Overview"));

        Div installation = new Div();
        installation.setId("installation");
        installation.add(new H3("This installation"), new UnorderedList(
                new ListItem("Mode: " + settings.mode().label()),
                new ListItem("Database: " + database.description()),
                new ListItem("Data directory: " + settings.dataDirectory()),
                new ListItem("Signed in as " + user.username() + " (" + user.roles().stream()
                        .filter(role -> role != Role.VIEWER || user.roles().size() == 1)
                        .map(Role::name).sorted().collect(Collectors.joining(", ")) + ")")));
        add(installation);

        Div activity = new Div();
        activity.setId("recent-activity");
        activity.add(new H3("Recent activity"));
        List<AuditEntry> recent = auditLog.newest(AuditFilter.ALL, 5);
        if (recent.isEmpty()) {
            activity.add(new Paragraph("Nothing yet."));
        } else {
            UnorderedList list = new UnorderedList();
            recent.forEach(entry -> list.add(new ListItem(TIME.format(entry.at()) + " — " + entry.actor() + " — "
                    + entry.action() + " " + entry.target() + " — " + entry.outcome().name().toLowerCase())));
            activity.add(list);
        }
        add(activity);
    }
}
