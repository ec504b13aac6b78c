package com.poseops.registry.ui;

import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.ui.components.Chart;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.EvaluationReport.ImageResult;
import com.poseops.registry.EvaluationReport.MetricInfo;
import com.poseops.registry.EvaluationStatus;
import com.poseops.registry.MetricComparison;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.ModelVersionPage;
import com.poseops.registry.RegistryService;
import com.poseops.registry.RegistryService.Baseline;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model versions: status, evaluation metrics and their difference to the serving model, a trend chart, a detail
 * panel with per-image results and audit history; register (DEPLOYER) and accept/reject (APPROVER) dialogs. Buttons
 * a role may not use are not shown; the service refuses (and audits) such calls anyway.
 */
@Route("models")
@PageTitle("Models · PoseOps")
@Menu(order = 30, title = "Models", icon = "vaadin:cubes")
@PermitAll
class ModelsView extends VerticalLayout {

    static final int PAGE_SIZE = 50;
    static final String BETTER = "#1a7f37";
    static final String WORSE = "#cf222e";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> SHORT = Map.of(
            EvaluationReport.MEAN_ERROR, "err", EvaluationReport.MAX_ERROR, "max", EvaluationReport.PCK, "PCK",
            EvaluationReport.MEAN_SCORE, "score", EvaluationReport.P50_LATENCY, "p50");

    private final RegistryService service;
    private final CurrentUser user = CurrentUser.get();
    private final Grid<ModelVersion> grid = new Grid<>();
    private final Span baselineText = new Span();
    private final Button registerButton = new Button("Register version");
    private final Button moreButton = new Button("Load more");
    private final Select<MetricInfo> chartMetric = new Select<>();
    private final Chart chart = new Chart();
    private final VersionDetail detail;
    private final List<ModelVersion> versions = new ArrayList<>();
    private final Map<Integer, EvaluationStatus> evaluations = new HashMap<>();
    private @Nullable String nextToken;
    private @Nullable Baseline baseline;
    private @Nullable Runnable progressSubscription;

    ModelsView(RegistryService service, DataDirectory dataDirectory) {
        this.service = service;
        this.detail = new VersionDetail(service, user, this::refresh);
        setSizeFull();

        registerButton.setId("register-button");
        registerButton.addThemeVariants(ButtonVariant.PRIMARY);
        registerButton.setVisible(user.has(Role.DEPLOYER));
        registerButton.addClickListener(click -> new RegisterDialog(service, dataDirectory.tempFiles(), registered -> {
            refresh();
            select(registered.version());
        }).open());
        baselineText.setId("serving-baseline");
        HorizontalLayout toolbar = new HorizontalLayout(registerButton, baselineText);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        configureGrid();
        moreButton.setId("load-more");
        moreButton.addThemeVariants(ButtonVariant.TERTIARY);
        moreButton.addClickListener(click -> loadMore());

        chartMetric.setId("chart-metric");
        chartMetric.setLabel("Trend of");
        chartMetric.setItems(EvaluationReport.METRICS);
        chartMetric.setItemLabelGenerator(MetricInfo::label);
        chartMetric.setValue(EvaluationReport.METRICS.getFirst());
        chartMetric.addValueChangeListener(change -> updateChart());
        chart.setId("metrics-chart");
        chart.setWidthFull();
        chart.setHeight("280px");

        grid.setHeight("20rem");
        grid.setMinHeight("12rem");
        VerticalLayout trend = new VerticalLayout(chartMetric, chart);
        trend.setPadding(false);
        trend.setMinWidth("0");
        detail.setMinWidth("0");
        HorizontalLayout bottom = new HorizontalLayout(trend, detail);
        bottom.setWidthFull();
        bottom.setFlexGrow(1, trend);
        bottom.setFlexGrow(1, detail);
        trend.setWidth("50%");
        detail.setWidth("50%");
        add(new H2("Models"), toolbar, grid, moreButton, bottom);
        refresh();
    }

    private void configureGrid() {
        grid.setId("versions-grid");
        grid.addColumn(v -> "v" + v.version()).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(v -> TIME.format(v.createdAt())).setHeader("Created").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ModelVersion::registeredBy).setHeader("Registered by").setAutoWidth(true);
        grid.addComponentColumn(ModelsView::statusBadge).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        for (MetricInfo metric : EvaluationReport.METRICS) {
            grid.addColumn(v -> metricText(v, metric)).setHeader(metric.label()).setAutoWidth(true)
                    .setKey(metric.name());
        }
        grid.addComponentColumn(v -> deltaCell(v, baseline)).setHeader("vs. serving").setAutoWidth(true)
                .setKey("delta");
        grid.setEmptyStateText("No model versions yet. A DEPLOYER registers one with \"Register version\".");
        grid.addSelectionListener(selection -> detail.show(selection.getFirstSelectedItem().orElse(null),
                selection.getFirstSelectedItem().map(v -> evaluations.get(v.version())).orElse(null), baseline));
    }

    static Span statusBadge(ModelVersion version) {
        Span badge = new Span(switch (version.status()) {
            case PENDING -> "Pending";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
        });
        badge.getElement().getThemeList().add("badge");
        // explicit colours: the Aura theme has no badge variants of its own
        String[] colours = switch (version.status()) {
            case PENDING -> new String[] {"#fff4ce", "#7a5a00"};
            case APPROVED -> new String[] {"#dafbe1", BETTER};
            case REJECTED -> new String[] {"#ffebe9", WORSE};
        };
        badge.getStyle().set("background", colours[0]).set("color", colours[1]).set("padding", "0.1em 0.6em")
                .set("border-radius", "1em").set("font-size", "0.85em").set("font-weight", "600");
        badge.addClassName("status-" + version.status().name().toLowerCase(Locale.ROOT));
        badge.getElement().setAttribute("data-status", version.status().name());
        return badge;
    }

    private String metricText(ModelVersion version, MetricInfo metric) {
        String value = version.metrics().get(metric.name());
        if (value != null) {
            return value;
        }
        EvaluationStatus status = evaluations.get(version.version());
        if (status == null) {
            return "";
        }
        return switch (status.state()) {
            case RUNNING -> "evaluating " + status.done() + "/" + status.total();
            case FAILED -> "evaluation failed";
            case DONE -> "";
        };
    }

    /** Each metric's difference to the serving model, green when better, red when worse. */
    static Div deltaCell(ModelVersion version, @Nullable Baseline baseline) {
        Div cell = new Div();
        cell.addClassName("metric-deltas");
        if (baseline == null) {
            return cell;
        }
        if (baseline.version() != null && baseline.version() == version.version()) {
            cell.add(new Span("serving"));
            return cell;
        }
        for (MetricComparison.Delta delta : MetricComparison.compare(version.metrics(), baseline.metrics())) {
            Span span = new Span(SHORT.get(delta.metric().name()) + " " + signed(delta.delta()) + " ");
            span.getElement().setAttribute("data-verdict", delta.verdict().name());
            span.addClassName(delta.verdict().name().toLowerCase(Locale.ROOT));
            if (delta.verdict() != MetricComparison.Verdict.SAME) {
                span.getStyle().set("color", delta.verdict() == MetricComparison.Verdict.BETTER ? BETTER : WORSE);
            }
            cell.add(span);
        }
        return cell;
    }

    static String signed(double value) {
        String text = String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%+.1f" : "%+.3f", value);
        return text.replace("-", "−");
    }

    void refresh() {
        Integer selected = grid.getSelectedItems().stream().findFirst().map(ModelVersion::version).orElse(null);
        versions.clear();
        evaluations.clear();
        ModelVersionPage page = service.list(PAGE_SIZE, null);
        versions.addAll(page.items());
        nextToken = page.nextToken();
        loadEvaluations(page.items());
        baseline = service.servingBaseline(page.items()).orElse(null);
        baselineText.setText(baseline == null
                ? "No serving model with metrics to compare with yet."
                : "Differences are to the serving model: " + baseline.label() + ".");
        showRows(selected);
    }

    private void loadMore() {
        if (nextToken == null) {
            return;
        }
        ModelVersionPage page = service.list(PAGE_SIZE, nextToken);
        versions.addAll(page.items());
        nextToken = page.nextToken();
        loadEvaluations(page.items());
        showRows(grid.getSelectedItems().stream().findFirst().map(ModelVersion::version).orElse(null));
    }

    /**
     * The evaluation of each version that still lacks a metric: the grid shows it in place of the missing numbers
     * (the detail panel reads it itself when it is not here).
     */
    private void loadEvaluations(List<ModelVersion> page) {
        for (ModelVersion version : page) {
            if (EvaluationReport.METRICS.stream().allMatch(m -> version.metrics().containsKey(m.name()))) {
                continue;
            }
            service.evaluation(version.version()).ifPresent(status -> evaluations.put(version.version(), status));
        }
    }

    private void showRows(@Nullable Integer selected) {
        grid.setItems(List.copyOf(versions));
        moreButton.setVisible(nextToken != null);
        updateChart();
        if (selected != null) {
            select(selected);
        } else {
            detail.show(null, null, baseline);
        }
    }

    void select(int version) {
        versions.stream().filter(v -> v.version() == version).findFirst().ifPresentOrElse(grid::select,
                () -> detail.show(null, null, baseline));
    }

    private void updateChart() {
        chart.setOptions(chartOptions(chartMetric.getValue(), versions, baseline));
    }

    /** ApexCharts options: one metric over the versions (oldest left), the serving model as a dashed line. */
    static String chartOptions(@Nullable MetricInfo metric, List<ModelVersion> versions, @Nullable Baseline baseline) {
        if (metric == null) {
            return "";
        }
        List<ModelVersion> ordered = versions.stream()
                .filter(v -> MetricComparison.number(v.metrics().get(metric.name())) != null)
                .sorted(Comparator.comparingInt(ModelVersion::version)).toList();
        List<Map<String, Object>> points = new ArrayList<>();
        for (ModelVersion version : ordered) {
            points.add(Map.of("x", "v" + version.version(),
                    "y", MetricComparison.number(version.metrics().get(metric.name()))));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("chart", Map.of("type", "line", "height", 260, "animations", Map.of("enabled", false),
                "toolbar", Map.of("show", false), "zoom", Map.of("enabled", false)));
        options.put("series", List.of(Map.of("name", metric.label(), "data", points)));
        options.put("stroke", Map.of("width", 2));
        options.put("markers", Map.of("size", 5));
        options.put("xaxis", Map.of("type", "category", "title", Map.of("text", "version")));
        options.put("yaxis", Map.of("title", Map.of("text", metric.label() + (metric.higherIsBetter()
                ? " (higher is better)" : " (lower is better)"))));
        options.put("noData", Map.of("text", "No evaluated versions yet"));
        Double serving = baseline == null ? null : MetricComparison.number(baseline.metrics().get(metric.name()));
        if (serving != null) {
            options.put("annotations", Map.of("yaxis", List.of(Map.of("y", serving, "strokeDashArray", 6,
                    "borderColor", "#888", "label", Map.of("text", "serving")))));
        }
        return JSON.writeValueAsString(options);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        progressSubscription = service.onEvaluationProgress(status -> ui.access(() -> onProgress(status)));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (progressSubscription != null) {
            progressSubscription.run();
            progressSubscription = null;
        }
        super.onDetach(detachEvent);
    }

    private void onProgress(EvaluationStatus status) {
        Optional<ModelVersion> ours = versions.stream()
                .filter(v -> service.target(v.version()).equals(status.key())).findFirst();
        if (ours.isPresent() && status.state() == EvaluationStatus.State.RUNNING) {
            showProgress(ours.get(), status);
        } else if (ours.isPresent() || status.key().startsWith("serving:")
                || status.state() != EvaluationStatus.State.RUNNING) {
            refresh();
        }
    }

    /** One more image evaluated: only that row (and the detail panel, when it shows that version) changes. */
    private void showProgress(ModelVersion version, EvaluationStatus status) {
        evaluations.put(version.version(), status);
        grid.getDataProvider().refreshItem(version);
        if (grid.getSelectedItems().contains(version)) {
            detail.show(version, evaluations.get(version.version()), baseline);
        }
    }

    // ---- for tests ----

    Grid<ModelVersion> grid() {
        return grid;
    }

    Chart chart() {
        return chart;
    }

    Optional<Baseline> baseline() {
        return Optional.ofNullable(baseline);
    }

    static H3 heading(String text) {
        return new H3(text);
    }

    static boolean isPending(@Nullable ModelVersion version) {
        return version != null && version.status() == ApprovalStatus.PENDING;
    }
}
