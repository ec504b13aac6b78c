package com.poseops.endpoints.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.endpoints.DeploymentInProgressException;
import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.DeploymentRefusedException;
import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointService;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.endpoints.RollbackAlarmText;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.EvaluationReport.MetricInfo;
import com.poseops.registry.MetricComparison;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.registry.RegistryService.Baseline;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * Deploy an Approved version: the traffic policy with SageMaker's limits checked as you type (the same sentences the
 * server refuses with), the rollback alarms (on by default), and the candidate's evaluation metrics beside the serving
 * version's before you confirm.
 */
class DeployDialog extends Dialog {

    private final EndpointService service;
    private final Select<ModelVersion> version = new Select<>();
    private final RadioButtonGroup<TrafficRouting> routing = new RadioButtonGroup<>("Traffic shifting");
    private final IntegerField step = new IntegerField();
    private final IntegerField bake = new IntegerField("Bake time after each step (s)");
    private final IntegerField termination = new IntegerField("Termination wait (s)");
    private final IntegerField maxExecution = new IntegerField("Maximum execution time (s)");
    private final Checkbox alarms = new Checkbox("Roll back automatically when an alarm goes off");
    private final Div problems = new Div();
    private final Grid<MetricRow> comparison = new Grid<>();
    private final Span comparisonNote = new Span();
    private final Span error = new Span();
    private final Button confirm = new Button("Deploy");
    private final @Nullable Baseline serving;

    /** One metric of the comparison: the candidate's value, the serving version's and the difference. */
    record MetricRow(String metric, String candidate, String serving, String delta) {
    }

    DeployDialog(EndpointService service, RegistryService registry, Consumer<String> onStarted) {
        this.service = service;
        this.serving = registry.servingBaseline().orElse(null);
        setId("deploy-dialog");
        setHeaderTitle("Deploy to " + service.endpointName());
        setWidth("min(46rem, 96vw)");

        List<ModelVersion> approved = service.deployableVersions();
        version.setId("deploy-version");
        version.setLabel("Approved version");
        version.setItems(approved);
        version.setItemLabelGenerator(v -> "Version " + v.version() + " — " + v.description());
        version.setEmptySelectionAllowed(false);
        version.setWidthFull();
        if (!approved.isEmpty()) {
            version.setValue(approved.getFirst());
        }
        version.setHelperText(approved.isEmpty() ? "No Approved version yet: an approver accepts one on the Models "
                + "page." : "Only Approved versions are offered (the server checks too).");

        DeploymentPolicy defaults = DeploymentPolicy.defaults();
        routing.setId("deploy-routing");
        routing.setItems(TrafficRouting.values());
        routing.setItemLabelGenerator(TrafficRouting::label);
        routing.setValue(defaults.routing());
        step.setId("deploy-step");
        step.setValue(defaults.stepPercent());
        bake.setId("deploy-bake");
        bake.setValue(defaults.waitIntervalSeconds());
        termination.setId("deploy-termination");
        termination.setValue(defaults.terminationWaitSeconds());
        maxExecution.setId("deploy-max-execution");
        maxExecution.setValue(defaults.maximumExecutionSeconds());
        for (IntegerField field : List.of(step, bake, termination, maxExecution)) {
            field.setValueChangeMode(ValueChangeMode.EAGER);
            field.addValueChangeListener(change -> check());
        }
        alarms.setId("deploy-alarms");
        alarms.setValue(defaults.autoRollback());
        List<RollbackAlarm> rollbackAlarms = service.rollbackAlarms();
        alarms.setHelperText(rollbackAlarms.stream().map(RollbackAlarmText::describe)
                .collect(Collectors.joining("; ")));
        routing.addValueChangeListener(change -> {
            adjustStep(change.getValue());
            check();
        });
        version.addValueChangeListener(change -> {
            showComparison();
            check();
        });
        adjustStep(defaults.routing());

        problems.setId("deploy-problems");
        TonedText.apply(problems, Tone.ERROR);
        error.setId("deploy-error");
        TonedText.apply(error, Tone.ERROR);
        error.getStyle().setFontWeight("600");

        comparison.setId("deploy-comparison");
        comparison.addColumn(MetricRow::metric).setHeader("Metric").setAutoWidth(true);
        comparison.addColumn(MetricRow::candidate).setHeader("Candidate").setAutoWidth(true);
        comparison.addColumn(MetricRow::serving).setHeader("Serving" + (serving == null ? "" : " (" + serving.label()
                + ")")).setAutoWidth(true);
        comparison.addColumn(MetricRow::delta).setHeader("Difference").setAutoWidth(true);
        comparison.setAllRowsVisible(true);
        comparisonNote.setId("deploy-comparison-note");

        FlexLayout timing = new FlexLayout(step, bake, termination, maxExecution);
        timing.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        timing.getStyle().set("gap", "0.5rem 1rem");
        VerticalLayout body = new VerticalLayout(version, comparisonNote, comparison, routing, timing, alarms,
                problems, error);
        body.setPadding(false);
        add(body);

        confirm.setId("confirm-deploy");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        confirm.setDisableOnClick(true);
        confirm.addClickListener(click -> deploy(onStarted));
        Button cancel = new Button("Cancel", click -> close());
        cancel.setId("cancel-deploy");
        getFooter().add(cancel, confirm);
        showComparison();
        check();
    }

    private void adjustStep(TrafficRouting chosen) {
        switch (chosen) {
            case ALL_AT_ONCE -> {
                step.setLabel("Share moved (%)");
                step.setValue(100);
                step.setReadOnly(true);
            }
            case CANARY -> {
                step.setLabel("Canary size (% of the fleet, 1–" + DeploymentPolicy.MAX_CANARY_PERCENT + ")");
                step.setReadOnly(false);
                if (step.getValue() == null || step.getValue() > DeploymentPolicy.MAX_CANARY_PERCENT) {
                    step.setValue(10);
                }
            }
            case LINEAR -> {
                step.setLabel("Linear step (% of the fleet, " + DeploymentPolicy.MIN_LINEAR_PERCENT + "–"
                        + DeploymentPolicy.MAX_LINEAR_PERCENT + ")");
                step.setReadOnly(false);
                if (step.getValue() == null || step.getValue() > DeploymentPolicy.MAX_LINEAR_PERCENT
                        || step.getValue() < DeploymentPolicy.MIN_LINEAR_PERCENT) {
                    step.setValue(DeploymentPolicy.MAX_LINEAR_PERCENT);
                }
            }
        }
    }

    /** SageMaker's limits, checked as you type: the same sentences the server would refuse with. */
    private List<String> check() {
        List<String> found = routing.getValue() == null ? List.of("Choose how the traffic shifts.")
                : DeploymentPolicy.problems(routing.getValue(), value(step), value(bake), value(termination),
                value(maxExecution));
        problems.removeAll();
        found.forEach(problem -> problems.add(new Div(problem)));
        confirm.setEnabled(found.isEmpty() && version.getValue() != null);
        return found;
    }

    private void showComparison() {
        ModelVersion candidate = version.getValue();
        if (candidate == null) {
            comparison.setItems(List.of());
            comparisonNote.setText("");
            return;
        }
        List<MetricRow> rows = new java.util.ArrayList<>();
        List<MetricComparison.Delta> deltas = serving == null ? List.of()
                : MetricComparison.compare(candidate.metrics(), serving.metrics());
        for (MetricInfo metric : EvaluationReport.METRICS) {
            String mine = candidate.metrics().getOrDefault(metric.name(), "—");
            String theirs = serving == null ? "—" : serving.metrics().getOrDefault(metric.name(), "—");
            String delta = deltas.stream().filter(d -> d.metric().equals(metric)).findFirst()
                    .map(d -> String.format(Locale.ROOT, "%+.3f (%s)", d.delta(),
                            d.verdict().name().toLowerCase(Locale.ROOT)))
                    .orElse("");
            rows.add(new MetricRow(metric.label(), mine, theirs, delta));
        }
        comparison.setItems(rows);
        comparisonNote.setText(serving == null
                ? "Evaluation metrics of version " + candidate.version() + " (nothing with metrics serves now):"
                : "Version " + candidate.version() + " beside the serving " + serving.label() + ":");
    }

    private void deploy(Consumer<String> onStarted) {
        error.setText("");
        ModelVersion chosen = version.getValue();
        if (chosen == null || !check().isEmpty()) {
            confirm.setEnabled(chosen != null);
            return;
        }
        try {
            DeploymentPolicy policy = new DeploymentPolicy(routing.getValue(), value(step), value(bake),
                    value(termination), value(maxExecution), alarms.getValue());
            service.deploy(chosen.version(), policy);
            close();
            onStarted.accept("Deploying version " + chosen.version() + " (" + EndpointService.describe(policy,
                    policy.autoRollback() ? service.rollbackAlarms() : List.of()) + ").");
        } catch (AccessDeniedException | DeploymentRefusedException | DeploymentInProgressException
                | EndpointBusyException | EndpointUnavailableException | IllegalArgumentException e) {
            error.setText(e.getMessage());
            confirm.setEnabled(true);
        }
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? -1 : field.getValue();
    }

    // ---- for tests in this package ----

    Select<ModelVersion> versionSelect() {
        return version;
    }

    Grid<MetricRow> comparison() {
        return comparison;
    }
}
