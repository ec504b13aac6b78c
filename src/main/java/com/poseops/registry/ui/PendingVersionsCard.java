package com.poseops.registry.ui;

import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.EmptyState;
import com.poseops.platform.ui.components.LiveUpdates;
import com.poseops.platform.ui.components.OverviewCard;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.registry.RegistryService.PendingVersions;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Overview card: the model versions waiting for an approver's decision, each linking to its own page
 * ({@code /models/<version>}) where it is accepted or rejected. Changes (a registration, a decision) are pushed.
 */
@org.springframework.stereotype.Component
class PendingVersionsCard implements OverviewCard {

    static final int SHOWN = 5;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final RegistryService service;

    PendingVersionsCard(RegistryService service) {
        this.service = service;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String title() {
        return "Waiting for a decision";
    }

    @Override
    public String page() {
        return "models";
    }

    @Override
    public String id() {
        return "pending-versions";
    }

    @Override
    public Component create() {
        return new Content(CurrentUser.get().has(Role.APPROVER));
    }

    private final class Content extends Div {
        private final boolean approver;

        Content(boolean approver) {
            this.approver = approver;
            setId("pending-versions");
            render();
            LiveUpdates.subscribe(this, ui -> service.onVersionChange(changed -> ui.access(this::render)));
        }

        private void render() {
            removeAll();
            PendingVersions pending = service.waitingForDecision(SHOWN);
            if (pending.versions().isEmpty()) {
                add(EmptyState.of("No versions are waiting for a decision.", "A DEPLOYER registers a version on "
                        + "the Models page; it waits here until an APPROVER accepts or rejects it."));
                return;
            }
            UnorderedList list = new UnorderedList();
            list.getStyle().setPadding("0").setMargin("0").set("list-style", "none");
            for (ModelVersion version : pending.versions()) {
                Anchor open = new Anchor(ModelsView.path(version.version()), approver ? "Decide" : "Open");
                open.getElement().setAttribute("router-link", true);
                open.addClassName("pending-version-link");
                Span what = new Span("v" + version.version() + " · " + DAY.format(version.createdAt()) + " by "
                        + version.registeredBy() + " ");
                ListItem item = new ListItem(what, VersionStatus.badge(version.status()), new Span(" "), open);
                item.addClassName("pending-version");
                item.getElement().setAttribute("data-version", Integer.toString(version.version()));
                item.getStyle().setPadding("0.15em 0");
                list.add(item);
            }
            add(list);
            if (pending.more()) {
                add(new Paragraph("More are waiting: see the Models page."));
            }
        }
    }
}
