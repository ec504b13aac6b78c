package com.poseops.endpoints.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointService;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.EndpointSummary;
import com.poseops.endpoints.ServedModel;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.registry.RegistryService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint, for every role: SageMaker's status with the failure reason, each variant's model version, fleet,
 * weights and status, since when, the invocation URL; the deployment in progress with its steps; the history. A
 * DEPLOYER (or ADMIN) deploys an Approved version, rolls back in one click (after naming both versions) and aborts;
 * the service checks the role and audits every attempt anyway. Everything is pushed from the one poller.
 */
@Route("endpoints")
@PageTitle("Endpoints · PoseOps")
@Menu(order = 40, title = "Endpoints", icon = "vaadin:server")
@PermitAll
class EndpointsView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final EndpointService service;
    private final RegistryService registry;
    private final Clock clock;
    private final CurrentUser user = CurrentUser.get();
    private final Span name = new Span();
    private final Div statusBadge = new Div();
    private final Span sentence = new Span();
    private final Span failure = new Span();
    private final Span since = new Span();
    private final Span url = new Span();
    private final Span problem = new Span();
    private final Paragraph noEndpoint = new Paragraph();
    private final Button deployButton = new Button("Deploy…");
    private final Button rollbackButton = new Button("Roll back…");
    private final Span actionError = new Span();
    private final Grid<Variant> variants = new Grid<>();
    private final DeploymentPanel deployment;
    private final HistoryGrid history;
    private @Nullable Runnable subscription;
    private EndpointSnapshot shown;

    EndpointsView(EndpointService service, RegistryService registry, Clock clock) {
        this.service = service;
        this.registry = registry;
        this.clock = clock;
        boolean mayAct = user.has(Role.DEPLOYER);
        this.deployment = new DeploymentPanel(mayAct, this::openAbort);
        this.history = new HistoryGrid(clock);
        setWidthFull();
        add(new H2("Endpoints"));

        name.setId("endpoint-name");
        name.getStyle().set("font-weight", "700");
        statusBadge.setId("endpoint-status-badge");
        sentence.setId("endpoint-sentence");
        failure.setId("endpoint-failure");
        TonedText.apply(failure, Tone.ERROR);
        since.setId("endpoint-since");
        url.setId("endpoint-url");
        url.getStyle().set("font-family", "monospace").set("user-select", "all");
        problem.setId("endpoint-problem");
        TonedText.apply(problem, Tone.ERROR);
        problem.getStyle().setFontWeight("600");
        noEndpoint.setId("no-endpoint");
        HorizontalLayout header = new HorizontalLayout(name, statusBadge);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        VerticalLayout card = new VerticalLayout(header, sentence, failure, since, new Span("Invocation URL:"), url,
                problem, noEndpoint);
        card.setId("endpoint-card");
        card.setSpacing(false);
        card.setPadding(false);

        deployButton.setId("deploy-button");
        deployButton.addThemeVariants(ButtonVariant.PRIMARY);
        deployButton.setVisible(mayAct);
        deployButton.addClickListener(click -> new DeployDialog(service, registry, this::started).open());
        rollbackButton.setId("rollback-button");
        rollbackButton.setVisible(mayAct);
        rollbackButton.addClickListener(click -> openRollback());
        actionError.setId("endpoint-action-error");
        TonedText.apply(actionError, Tone.ERROR);
        actionError.getStyle().setFontWeight("600");
        HorizontalLayout actions = new HorizontalLayout(deployButton, rollbackButton);

        configureVariants();
        add(card, actions, actionError, new H3("Variants"), variants, deployment, new H3("History"), history);
        shown = service.queries().current();
        show(shown);
    }

    private void configureVariants() {
        variants.setId("variants-grid");
        variants.addColumn(Variant::variantName).setHeader("Variant").setAutoWidth(true).setFlexGrow(0);
        variants.addComponentColumn(v -> modelLink(v.model())).setHeader("Model").setAutoWidth(true);
        variants.addColumn(v -> v.instanceType() + " × " + v.currentInstanceCount()
                + (v.currentInstanceCount() == v.desiredInstanceCount() ? "" : " (of " + v.desiredInstanceCount()
                + ")")).setHeader("Instances").setAutoWidth(true);
        variants.addColumn(v -> percent(v.currentWeight()) + (Math.abs(v.currentWeight() - v.desiredWeight()) < 1e-6
                ? "" : " → " + percent(v.desiredWeight()))).setHeader("Weight (current → desired)").setAutoWidth(true);
        variants.addColumn(v -> v.statuses().isEmpty() ? "Serving" : v.statuses().stream()
                .map(s -> s.status().label() + (s.message() == null ? "" : ": " + s.message()))
                .collect(Collectors.joining("; "))).setHeader("Variant status").setFlexGrow(1);
        variants.setAllRowsVisible(true);
        variants.setEmptyStateText("No variant serves.");
    }

    void show(EndpointSnapshot snapshot) {
        shown = snapshot;
        EndpointSummary summary = EndpointSummary.of(snapshot);
        EndpointDescription description = snapshot.description();
        name.setText(snapshot.endpointName());
        statusBadge.removeAll();
        statusBadge.add(EndpointBadges.status(summary.statusLabel(), summary.tone()));
        statusBadge.getElement().setAttribute("data-status", summary.statusLabel());
        sentence.setText(summary.sentence());
        failure.setText(description == null || description.failureReason() == null ? ""
                : "Failure reason: " + description.failureReason());
        failure.setVisible(!failure.getText().isEmpty());
        since.setText(description == null ? "" : "Since " + TIME.format(description.lastModifiedTime())
                + " (created " + TIME.format(description.creationTime()) + ")");
        url.setText(snapshot.invocationUrl().toString());
        problem.setText(snapshot.problem() == null ? "" : snapshot.problem());
        problem.setVisible(snapshot.problem() != null);
        noEndpoint.setText("No endpoint yet: the first deploy of an Approved version creates "
                + snapshot.endpointName() + ".");
        noEndpoint.setVisible(description == null);
        variants.setItems(description == null ? List.of() : allVariants(description));
        deployment.show(snapshot, clock.instant());
        boolean busy = snapshot.activeDeployment() != null;
        deployButton.setEnabled(!busy);
        rollbackButton.setEnabled(!busy && service.rollbackPlan().isPresent());
        history.setItems(service.history());
    }

    private static List<Variant> allVariants(EndpointDescription description) {
        if (description.pendingDeployment() == null) {
            return description.variants();
        }
        return java.util.stream.Stream.concat(description.variants().stream(),
                description.pendingDeployment().variants().stream()).toList();
    }

    private void started(String message) {
        actionError.setText("");
        Notification.show(message, 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.SUCCESS);
        show(service.queries().current());
    }

    private void openRollback() {
        actionError.setText("");
        new RollbackDialog(service, this::started).open();
    }

    private void openAbort() {
        new AbortDialog(service, this::started).open();
    }

    /** The model a variant runs, linked to its version on the Models page when it is a registered version. */
    static Component modelLink(ServedModel model) {
        if (model.version() == null) {
            Span name = new Span(model.label());
            name.getElement().setAttribute("title", model.artifactUri());
            return name;
        }
        Anchor link = new Anchor("models", model.label());
        link.getElement().setAttribute("data-version", String.valueOf(model.version()));
        return link;
    }

    private static String percent(double weight) {
        return String.format(Locale.ROOT, "%.0f %%", weight * 100);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        subscription = service.queries().onChange(snapshot -> ui.access(() -> show(snapshot)));
        show(service.queries().current());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.run();
            subscription = null;
        }
        super.onDetach(detachEvent);
    }

    // ---- for tests in this package ----

    EndpointSnapshot shown() {
        return shown;
    }

    Grid<Deployment> historyGrid() {
        return history;
    }

    Grid<Variant> variantsGrid() {
        return variants;
    }
}
