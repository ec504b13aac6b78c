package com.poseops.registry.ui;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.ui.AuditColumns;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.ProgressDisplay;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.EvaluationReport.ImageResult;
import com.poseops.registry.EvaluationStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.registry.RegistryService.Baseline;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.poseops.registry.ModelVersionNotFoundException;
import org.springframework.security.access.AccessDeniedException;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import org.jspecify.annotations.Nullable;

/** The detail panel of one version: metadata, evaluation per image, audit history, and the decision buttons. */
class VersionDetail extends VerticalLayout {

    private final RegistryService service;
    private final CurrentUser user;
    private final Runnable onDecided;
    private final Div metadata = new Div();
    private final Span evaluationStatus = new Span();
    private final ProgressDisplay evaluationProgress = new ProgressDisplay();
    private final Grid<ImageResult> images = new Grid<>();
    private final Grid<AuditEntry> history = new Grid<>();
    private final Button approve = new Button("Accept");
    private final Button reject = new Button("Reject");
    private final Button reevaluate = new Button("Re-evaluate");
    private final Span title = new Span();
    private @Nullable ModelVersion shown;

    VersionDetail(RegistryService service, CurrentUser user, Runnable onDecided) {
        this.service = service;
        this.user = user;
        this.onDecided = onDecided;
        setId("version-detail");
        setPadding(false);
        getStyle().set("overflow", "auto");
        title.setId("detail-title");
        title.getStyle().set("font-weight", "600").set("font-size", "1.2em");
        metadata.setId("version-metadata");
        evaluationStatus.setId("evaluation-status");
        evaluationProgress.setId("evaluation-progress");

        approve.setId("approve-button");
        approve.addThemeVariants(ButtonVariant.PRIMARY);
        approve.addClickListener(click -> decide(ApprovalStatus.APPROVED));
        reject.setId("reject-button");
        reject.addThemeVariants(ButtonVariant.ERROR);
        reject.addClickListener(click -> decide(ApprovalStatus.REJECTED));

        reevaluate.setId("reevaluate-button");
        reevaluate.addThemeVariants(ButtonVariant.TERTIARY);
        reevaluate.addClickListener(click -> reevaluate());

        images.setId("image-results");
        images.addColumn(ImageResult::image).setHeader("Image").setAutoWidth(true);
        images.addColumn(r -> r.error() != null ? "" : r.width() + "×" + r.height()).setHeader("Size").setAutoWidth(true);
        images.addColumn(r -> r.error() != null ? r.error() : EvaluationReport.format(r.meanErrorPx(), 2))
                .setHeader("Mean err (px)").setAutoWidth(true);
        images.addColumn(r -> r.error() != null ? "" : EvaluationReport.format(r.maxErrorPx(), 2))
                .setHeader("Max err (px)").setAutoWidth(true);
        images.addColumn(r -> r.error() != null ? "" : EvaluationReport.format(r.pck005(), 3))
                .setHeader("PCK@0.05").setAutoWidth(true);
        images.addColumn(r -> r.error() != null ? "" : EvaluationReport.format(r.meanScore(), 3))
                .setHeader("Score").setAutoWidth(true);
        images.addColumn(r -> r.error() != null ? "" : EvaluationReport.format(r.latencyMs(), 1))
                .setHeader("p50 ms").setAutoWidth(true);
        images.setAllRowsVisible(true);
        images.setEmptyStateText("No per-image results.");

        history.setId("version-history");
        AuditColumns.addTo(history, false);
        history.setAllRowsVisible(true);
        history.setEmptyStateText("Nothing recorded yet.");

        add(title, metadata, new HorizontalLayout(approve, reject), ModelsView.heading("Evaluation"),
                new HorizontalLayout(evaluationStatus, reevaluate), evaluationProgress, images,
                ModelsView.heading("History"), history);
        show(null, null, null);
    }

    void show(@Nullable ModelVersion version, @Nullable EvaluationStatus evaluation, @Nullable Baseline baseline) {
        shown = version;
        boolean present = version != null;
        approve.setVisible(present && user.has(Role.APPROVER) && ModelsView.isPending(version));
        reject.setVisible(approve.isVisible());
        images.setVisible(present);
        reevaluate.setVisible(present && user.has(Role.DEPLOYER) && service.evaluationEnabled());
        history.setVisible(present);
        metadata.removeAll();
        evaluationProgress.hide();
        if (version == null) {
            title.setText("Select a version to see its details.");
            evaluationStatus.setText("");
            images.setItems();
            history.setItems();
            return;
        }
        title.setText("Version " + version.version());
        line("Status", ModelsView.statusBadge(version));
        line("Registered", AuditColumns.TIME.format(version.createdAt()) + " by " + version.registeredBy());
        line("Description", version.description());
        if (version.approvalDescription() != null) {
            line("Decision", version.approvalDescription()
                    + service.decisionRecord(version.version())
                            .map(r -> " (" + AuditColumns.TIME.format(r.decidedAt()) + ")").orElse(""));
        }
        if (version.sourceJob() != null) {
            Anchor job = new Anchor("training/" + version.sourceJob(), version.sourceJob());
            job.setId("version-source-job");
            line("Trained by job", job);
        }
        line("Identity", version.id());
        line("Artifact", version.artifactUri());
        line("SHA-256", version.modelSha256() == null ? "unknown" : version.modelSha256());
        for (com.poseops.registry.EvaluationReport.MetricInfo metric : com.poseops.registry.EvaluationReport.METRICS) {
            String value = version.metrics().get(metric.name());
            if (value != null) {
                line(metric.label(), value);
            }
        }
        if (baseline != null) {
            line("Compared with", baseline.label());
        }
        EvaluationStatus status = evaluation != null ? evaluation : service.evaluation(version.version()).orElse(null);
        if (status == null) {
            evaluationStatus.setText(service.evaluationEnabled() ? "Not evaluated yet." : "Not evaluated: there is no "
                    + "evaluation set. Upload a labelled set at the top of this page. "
                    + EvaluationSetPanel.HOW_TO_CONFIGURE);
            images.setItems();
        } else {
            evaluationStatus.setText(switch (status.state()) {
                case RUNNING -> "Evaluating: " + status.done() + " of " + status.total() + " images done…";
                case DONE -> "Evaluated on " + status.images().size() + " images"
                        + (status.evaluatedOn() == null ? "." : " of " + status.evaluatedOn() + ".");
                case FAILED -> "Evaluation failed: " + status.message();
            });
            images.setItems(status.images());
            if (status.state() == EvaluationStatus.State.RUNNING) {
                evaluationProgress.show("Evaluating version " + version.version(), status.done(), status.total());
            }
        }
        history.setItems(service.history(version.version()));
    }

    private void line(String label, String value) {
        line(label, new Span(value));
    }

    private void line(String label, com.vaadin.flow.component.Component value) {
        Span name = new Span(label + ": ");
        name.getStyle().set("font-weight", "600");
        Div row = new Div(name, value);
        row.getStyle().set("overflow-wrap", "anywhere");
        metadata.add(row);
    }

    private void reevaluate() {
        if (shown == null) {
            return;
        }
        int version = shown.version();
        try {
            service.reevaluate(version);
            Notification.show("Evaluating version " + version + " again…", 4000, Notification.Position.BOTTOM_START);
        } catch (IllegalStateException | ModelVersionNotFoundException | AccessDeniedException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
        }
    }

    private void decide(ApprovalStatus outcome) {
        if (shown != null) {
            new DecisionDialog(service, shown.version(), outcome, onDecided).open();
        }
    }
}
