package com.poseops.training.ui;

import com.poseops.registry.ui.ModelLinks;
import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.inference.training.TrainingPaths;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.Chart;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.EvaluationStatus;
import com.poseops.registry.MetricComparison;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.training.JobChannel;
import com.poseops.training.MetricPoint;
import com.poseops.training.StatusTransition;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingMonitor;
import com.poseops.training.TrainingRefusedException;
import com.poseops.training.TrainingService;
import com.poseops.training.TrainingStatus;
import com.vaadin.flow.component.AttachEvent;
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
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * One training job: live curves (pushed while it runs), the status timeline, the log tail, hyperparameters, channels,
 * artifact, and — once it completed — the produced version's evaluation next to the serving model's. DEPLOYERs stop a
 * job in progress.
 */
@Route("training/:job")
@PageTitle("Training job · PoseOps")
@PermitAll
class TrainingJobView extends VerticalLayout implements BeforeEnterObserver {

    static final int LOG_LINES = 40;

    private final TrainingService service;
    private final CurrentUser user = CurrentUser.get();
    private final H2 title = new H2();
    private final Div status = new Div();
    private final Span who = new Span();
    private final Span stale = new Span();
    private final Paragraph what = new Paragraph();
    private final Button stop = new Button("Stop");
    private final FlexLayout curves = new FlexLayout();
    private final Map<String, Chart> charts = new LinkedHashMap<>();
    private final Span finalMetrics = new Span();
    private final Div version = new Div();
    private final Grid<StatusTransition> timeline = new Grid<>();
    private final Grid<Map.Entry<String, String>> hyperparameters = new Grid<>();
    private final Grid<JobChannel> channels = new Grid<>();
    private final Span artifact = new Span();
    private final Span failure = new Span();
    private final Pre log = new Pre();
    private @Nullable TrainingJob job;
    private @Nullable Runnable subscription;
    private @Nullable Runnable evaluationSubscription;

    TrainingJobView(TrainingService service) {
        this.service = service;
        setWidthFull();
        title.setId("job-title");
        status.setId("job-status");
        who.setId("job-reason");
        stale.setId("job-stale");
        TonedText.apply(stale, Tone.WARNING);
        what.setId("job-what");
        stop.setId("stop-training");
        stop.addThemeVariants(ButtonVariant.ERROR);
        stop.addClickListener(click -> stopJob());
        curves.setId("job-curves");
        curves.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        curves.setWidthFull();
        curves.getStyle().set("gap", "1em");
        finalMetrics.setId("job-final-metrics");
        version.setId("job-version");
        failure.setId("job-failure");
        TonedText.apply(failure, Tone.ERROR);
        artifact.setId("job-artifact");
        log.setId("job-log");
        log.getStyle().setMaxHeight("18em").setOverflow(com.vaadin.flow.dom.Style.Overflow.AUTO)
                .setWhiteSpace(com.vaadin.flow.dom.Style.WhiteSpace.PRE_WRAP).setFontSize("0.8em");
        timeline.setId("job-timeline");
        timeline.addColumn(StatusTransition::status).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        timeline.addColumn(t -> JobText.TIME.format(t.start())).setHeader("Start").setAutoWidth(true).setFlexGrow(0);
        timeline.addColumn(t -> t.end() == null ? "…" : JobText.TIME.format(t.end())).setHeader("End")
                .setAutoWidth(true).setFlexGrow(0);
        timeline.addColumn(StatusTransition::message).setHeader("Message").setFlexGrow(1);
        timeline.setAllRowsVisible(true);
        hyperparameters.setId("job-hyperparameters");
        hyperparameters.addColumn(Map.Entry::getKey).setHeader("Hyperparameter").setAutoWidth(true);
        hyperparameters.addColumn(Map.Entry::getValue).setHeader("Value").setAutoWidth(true);
        hyperparameters.setAllRowsVisible(true);
        channels.setId("job-channels");
        channels.addColumn(JobChannel::name).setHeader("Channel").setAutoWidth(true).setFlexGrow(0);
        channels.addColumn(JobChannel::label).setHeader("Input").setAutoWidth(true);
        channels.addColumn(JobChannel::uri).setHeader("Location").setFlexGrow(1);
        channels.setAllRowsVisible(true);

        HorizontalLayout header = new HorizontalLayout(title, status, stop);
        header.setAlignItems(Alignment.BASELINE);
        header.setWrap(true);
        FlexLayout details = new FlexLayout(section("Hyperparameters", hyperparameters), section("Channels", channels));
        details.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        details.getStyle().set("gap", "1em");
        details.setWidthFull();
        add(new RouterLink("← All training jobs", TrainingView.class), header, who, stale, what, failure,
                new H3("Curves"), curves, finalMetrics, new H3("Model version"), version, new H3("Timeline"), timeline,
                details, new H3("Artifact"), artifact, new H3("Log"), log);
    }

    static RouteParameters parameters(String jobName) {
        return new RouteParameters("job", jobName);
    }

    private static VerticalLayout section(String heading, com.vaadin.flow.component.Component content) {
        VerticalLayout section = new VerticalLayout(new H3(heading), content);
        section.setPadding(false);
        section.getStyle().setFlexGrow("1").setFlexBasis("24em");
        return section;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String name = event.getRouteParameters().get("job").orElse("");
        Optional<TrainingJob> found = service.find(name);
        if (found.isEmpty()) {
            title.setText("No training job " + name);
            what.setText("It may never have existed in this installation. See all jobs on the Training page.");
            stop.setVisible(false);
            return;
        }
        show(found.get(), service.staleReason(name).orElse(null));
    }

    void show(TrainingJob shown, @Nullable String staleReason) {
        TrainingJob previous = this.job;
        this.job = shown;
        title.setText(shown.name());
        status.removeAll();
        status.add(JobText.status(shown));
        who.setText("Started by " + shown.startedBy() + " at " + JobText.TIME.format(shown.createdAt()) + " ("
                + JobText.duration(shown) + ") — why: " + shown.reason());
        stale.setText(staleReason == null ? "" : staleReason);
        what.setText(whatItTrains(shown));
        stop.setVisible(user.has(Role.DEPLOYER) && shown.status() == TrainingStatus.IN_PROGRESS);
        failure.setText(shown.progress().failureReason() == null ? "" : "Failure: " + shown.progress().failureReason());
        if (previous == null || !previous.metrics().equals(shown.metrics()) || charts.isEmpty()) {
            showCurves(shown.metrics()); // redrawing a chart is the page's most expensive update: only when it changed
        }
        finalMetrics.setText(shown.progress().finalMetrics().isEmpty() ? "" : "Final metrics: "
                + String.join(", ", shown.progress().finalMetrics().entrySet().stream()
                .map(e -> e.getKey() + " " + JobText.number(e.getValue())).toList()));
        if (previous == null || !java.util.Objects.equals(previous.producedVersion(), shown.producedVersion())
                || !java.util.Objects.equals(previous.registrationNote(), shown.registrationNote())
                || previous.status() != shown.status()) {
            showVersion(shown);
        }
        if (previous == null || !previous.progress().transitions().equals(shown.progress().transitions())) {
            timeline.setItems(shown.progress().transitions());
        }
        if (previous == null) {
            hyperparameters.setItems(new ArrayList<>(new java.util.TreeMap<>(shown.hyperparameters()).entrySet()));
            channels.setItems(shown.channels());
        }
        artifact.setText(shown.progress().artifact() == null
                ? (shown.status().isTerminal() ? "No artifact (the job did not complete)." : "Written when the job completes.")
                : shown.progress().artifact());
        log.setText(service.logTail(shown, LOG_LINES));
    }

    /** Plainly: what was trained, on what, how many images. */
    static String whatItTrains(TrainingJob job) {
        String model = job.channel(TrainingPaths.MODEL).map(JobChannel::label).orElse("the model");
        String train = job.channel(TrainingPaths.TRAIN).map(JobChannel::label).orElse("?");
        String validation = job.channel(TrainingPaths.VALIDATION).map(c -> "; early stopping and held-out numbers on "
                + c.label()).orElse("; no validation set (no early stopping)");
        return "Fits the keypoint-confidence calibration of " + model + " (one pair a, b per keypoint; the model itself "
                + "is unchanged) on augmented views of " + train + validation + ". A keypoint counts as correct within "
                + job.hyperparameters().getOrDefault("correct_within", "0.2") + " × the torso diameter (left shoulder to right hip) of the truth.";
    }

    /** One chart per metric group; an existing chart gets new options, so its data-series grows in place. */
    private void showCurves(List<MetricPoint> points) {
        Map<String, Map<String, List<MetricPoint>>> groups = Curves.groups(points);
        if (groups.isEmpty() && charts.isEmpty()) {
            curves.removeAll();
            curves.add(new Span(job != null && job.status().isTerminal() ? "The job printed no metric lines."
                    : "Curves appear with the first epoch."));
            return;
        }
        if (charts.isEmpty()) {
            curves.removeAll();
        }
        groups.forEach((group, series) -> {
            Chart chart = charts.computeIfAbsent(group, g -> {
                Chart created = new Chart();
                created.setId("curve-" + g.replaceAll("[^a-zA-Z0-9_-]", "_"));
                created.setWidth("30em");
                created.setHeight("260px");
                created.getStyle().setFlexGrow("1");
                curves.add(created);
                return created;
            });
            chart.setOptions(Curves.options(group, series));
        });
    }

    private void showVersion(TrainingJob shown) {
        version.removeAll();
        if (shown.producedVersion() == null) {
            version.add(new Span(shown.registrationNote() != null ? shown.registrationNote()
                    : shown.status() == TrainingStatus.COMPLETED ? "Registering the produced version…"
                    : "A completed job becomes a Pending model version here."));
            return;
        }
        int number = shown.producedVersion();
        Optional<ModelVersion> produced = service.version(number);
        Anchor link = new Anchor(ModelLinks.version(number), "Version " + number);
        link.setId("job-version-link");
        link.getElement().setAttribute("router-link", true);
        link.getElement().setAttribute("data-version", Integer.toString(number));
        version.add(new Span("Produced "), link, new Span(produced.map(v -> " (" + v.status().name()
                .charAt(0) + v.status().name().substring(1).toLowerCase(java.util.Locale.ROOT) + ")").orElse("")
                + " — open it to accept or reject it."));
        Optional<EvaluationStatus> evaluation = service.evaluation(number);
        Map<String, String> metrics = produced.map(ModelVersion::metrics).orElse(Map.of());
        if (metrics.isEmpty()) {
            version.add(new Paragraph(evaluation.map(e -> switch (e.state()) {
                case RUNNING -> "Evaluating: " + e.done() + " of " + e.total() + " images…";
                case FAILED -> "Evaluation failed: " + e.message();
                case DONE -> "Evaluated.";
            }).orElse("Not evaluated (no evaluation set; see the Models page).")));
            return;
        }
        Optional<RegistryService.Baseline> serving = service.servingBaseline();
        Grid<EvaluationReport.MetricInfo> comparison = new Grid<>();
        comparison.setId("job-version-comparison");
        comparison.addColumn(EvaluationReport.MetricInfo::label).setHeader("Metric").setAutoWidth(true);
        comparison.addColumn(m -> metrics.getOrDefault(m.name(), "")).setHeader("Version " + number)
                .setAutoWidth(true);
        comparison.addColumn(m -> serving.map(b -> b.metrics().getOrDefault(m.name(), "")).orElse(""))
                .setHeader(serving.map(b -> "Serving: " + b.label()).orElse("Serving: none")).setAutoWidth(true);
        comparison.addColumn(m -> serving.map(b -> delta(metrics, b.metrics(), m)).orElse("")).setHeader("Difference")
                .setAutoWidth(true);
        comparison.setItems(EvaluationReport.METRICS);
        comparison.setAllRowsVisible(true);
        version.add(comparison);
    }

    private static String delta(Map<String, String> mine, Map<String, String> theirs, EvaluationReport.MetricInfo metric) {
        return MetricComparison.compare(mine, theirs).stream().filter(d -> d.metric().equals(metric)).findFirst()
                .map(d -> String.format(java.util.Locale.ROOT, "%+.3f (%s)", d.delta(),
                        d.verdict().name().toLowerCase(java.util.Locale.ROOT))).orElse("");
    }

    private void stopJob() {
        TrainingJob shown = job;
        if (shown == null) {
            return;
        }
        try {
            service.stop(shown.name());
            Notification.show("Stopping " + shown.name() + "…", 4000, Notification.Position.BOTTOM_START);
        } catch (TrainingRefusedException | AccessDeniedException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        subscription = service.onUpdate(update -> ui.access(() -> onUpdate(update)));
        evaluationSubscription = service.onEvaluationProgress(progress -> ui.access(() -> {
            TrainingJob shown = job;
            if (shown != null && shown.producedVersion() != null
                    && progress.key().equals(service.versionTarget(shown.producedVersion()))) {
                showVersion(shown);
            }
        }));
    }

    private void onUpdate(TrainingMonitor.Update update) {
        TrainingJob shown = job;
        if (shown != null && update.job().name().equals(shown.name())) {
            show(update.job(), update.staleReason());
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.run();
            subscription = null;
        }
        if (evaluationSubscription != null) {
            evaluationSubscription.run();
            evaluationSubscription = null;
        }
        super.onDetach(detachEvent);
    }

    // ---- for tests ----

    Map<String, Chart> charts() {
        return charts;
    }
}
