package com.poseops.endpoints.ui;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.EndpointQueries;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.platform.ui.components.LiveUpdates;
import com.poseops.platform.ui.components.OverviewCard;
import com.poseops.platform.ui.components.StatusBadge;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Overview card: the endpoint's status line (the same {@link EndpointStatusBar} as the Pose page) and its newest
 * deployment with its outcome; "No endpoint yet" says to deploy an approved version. Pushed from the one poller.
 */
@org.springframework.stereotype.Component
class EndpointCard implements OverviewCard {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final EndpointQueries endpoint;

    EndpointCard(EndpointQueries endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String title() {
        return "Endpoint";
    }

    @Override
    public String page() {
        return "endpoints";
    }

    @Override
    public String id() {
        return "endpoint";
    }

    @Override
    public Component create() {
        return new Content();
    }

    private final class Content extends Div {
        private final EndpointStatusBar status = new EndpointStatusBar("Nothing can be predicted yet.");
        private final Div lastDeployment = new Div();

        Content() {
            setId("overview-endpoint-status");
            lastDeployment.setId("endpoint-card-last-deployment");
            lastDeployment.getStyle().setMarginTop("0.5em");
            add(status, lastDeployment);
            show(endpoint.current());
            LiveUpdates.subscribe(this, ui -> endpoint.onChange(snapshot -> ui.access(() -> show(snapshot))));
        }

        private void show(EndpointSnapshot snapshot) {
            status.show(snapshot);
            lastDeployment.removeAll();
            List<Deployment> deployments = endpoint.deployments(Instant.EPOCH, Instant.now());
            Deployment last = snapshot.activeDeployment() != null ? snapshot.activeDeployment()
                    : deployments.isEmpty() ? null : deployments.getFirst();
            if (last == null) {
                lastDeployment.setText("No deployment yet.");
                return;
            }
            StatusBadge outcome = EndpointBadges.outcome(last.outcome());
            lastDeployment.add(new Span("Last deployment: " + last.kind().label() + " "
                    + (last.from() == null ? "" : last.from().label() + " → ") + last.to().label() + " · by "
                    + last.startedBy() + ", " + TIME.format(last.startedAt()) + " "), outcome);
        }
    }
}
