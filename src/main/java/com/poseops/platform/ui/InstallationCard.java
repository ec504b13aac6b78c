package com.poseops.platform.ui;

import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.DynamoDbConnection;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.OverviewCard;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.stream.Collectors;

/** Overview card: where this console runs and who is signed in. Its page is the System page (ADMIN). */
@org.springframework.stereotype.Component
class InstallationCard implements OverviewCard {

    private final PoseOpsSettings settings;
    private final DynamoDbConnection database;

    InstallationCard(PoseOpsSettings settings, DynamoDbConnection database) {
        this.settings = settings;
        this.database = database;
    }

    @Override
    public int order() {
        return 90;
    }

    @Override
    public String title() {
        return "This installation";
    }

    @Override
    public String page() {
        return "admin/system";
    }

    @Override
    public String id() {
        return "installation";
    }

    @Override
    public Component create() {
        CurrentUser user = CurrentUser.get();
        UnorderedList facts = new UnorderedList(
                new ListItem("Mode: " + settings.mode().label()),
                new ListItem("Database: " + database.description()),
                new ListItem("Data directory: " + settings.dataDirectory()),
                new ListItem("Signed in as " + user.username() + " (" + user.roles().stream()
                        .filter(role -> role != Role.VIEWER || user.roles().size() == 1)
                        .map(Role::name).sorted().collect(Collectors.joining(", ")) + ")"));
        facts.setId("installation");
        return facts;
    }
}
