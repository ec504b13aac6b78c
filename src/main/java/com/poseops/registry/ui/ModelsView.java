package com.poseops.registry.ui;

import com.poseops.datasets.DatasetService;
import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.Chart;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.EvaluationReport.MetricInfo;
import com.poseops.registry.EvaluationStatus;
import com.poseops.registry.MetricComparison;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.registry.RegistryService.Baseline;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSingleSelectionModel;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The model versions: status, evaluation metrics and their difference to the serving model, a trend chart, a detail
 * panel with per-image results and audit history; register (DEPLOYER) and accept/reject (APPROVER) dialogs. Buttons
 * a role may not use are not shown; the service refuses (and audits) such calls anyway.
 * <p>
 * Each version has its own address, {@code /models/<version>}. The grid is lazy: it asks the registry for a page of
 * {@value #PAGE_SIZE} versions at a time as it scrolls ({@link VersionPager}); rows are identified by their version
 * number, so a selection or a click survives the refreshes that registrations, decisions and evaluations push.
 */
@Route("models")
@PageTitle("Models · PoseOps")
@Menu(order = 30, title = "Models", icon = "vaadin:cubes")
@PermitAll
class ModelsView extends VerticalLayout implements HasUrlParameter<Integer> {

    static final int PAGE_SIZE = 50;
    /** Below this window width (px) the grid shows only its key columns; the chart and details stack by themselves. */
    static final int NARROW_WIDTH = 760;
    static final String BETTER = Tone.SUCCESS.textColor();
    static final String WORSE = Tone.ERROR.textColor();
    private static final Map<String, String> SHORT = Map.of(
            EvaluationReport.MEAN_ERROR, "err", EvaluationReport.MAX_ERROR, "max", EvaluationReport.PCK, "PCK",
            EvaluationReport.ECE, "ECE", EvaluationReport.BRIER, "Brier", EvaluationReport.MEAN_SCORE, "score",
            EvaluationReport.P50_LATENCY, "p50");

    private final RegistryService service;
    private final CurrentUser user = CurrentUser.get();
    private final VersionsGrid grid;
    private final VersionPager pager;
    private final Span baselineText = new Span();
    private final Button registerButton = new Button("Register version");
    private final Select<MetricInfo> chartMetric = new Select<>();
    private final Chart chart = new Chart();
    private final VersionDetail detail;
    private final EvaluationSetPanel evaluationSet;
    private final RowEvaluations evaluations;
    private List<ModelVersion> newest = List.of();
    private @Nullable ModelVersion selected;
    private @Nullable Baseline baseline;
    private final List<Runnable> subscriptions = new ArrayList<>();
    private @Nullable Registration resizeRegistration;

    ModelsView(RegistryService service, DatasetService datasets, DataDirectory dataDirectory) {
        this.service = service;
        this.detail = new VersionDetail(service, user, this::refresh);
        this.evaluationSet = new EvaluationSetPanel(service, datasets, dataDirectory.tempFiles(),
                this::refresh);
        this.pager = new VersionPager(PAGE_SIZE, service::list);
        this.evaluations = new RowEvaluations(service);
        this.grid = new VersionsGrid(evaluations::metricText, version -> deltaCell(version, baseline));
        setSizeFull();

        registerButton.setId("register-button");
        registerButton.addThemeVariants(ButtonVariant.PRIMARY);
        registerButton.setVisible(user.has(Role.DEPLOYER));
        registerButton.addClickListener(click -> new RegisterDialog(service, dataDirectory.tempFiles(), registered -> {
            refresh();
            select(registered);
        }).open());
        baselineText.setId("serving-baseline");
        FlexLayout toolbar = new FlexLayout(registerButton, baselineText);
        toolbar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("gap", "var(--vaadin-gap-s, 0.5rem) var(--vaadin-gap-m, 1rem)");

        grid.setPageSize(PAGE_SIZE);
        grid.setItems(query -> rows(query.getOffset(), query.getLimit()).stream())
                .setIdentifierProvider(ModelVersion::version);
        ((GridSingleSelectionModel<ModelVersion>) grid.getSelectionModel()).setDeselectAllowed(false);
        grid.asSingleSelect().addValueChangeListener(change -> {
            if (change.getValue() != null) {
                show(change.getValue(), change.isFromClient());
            }
        });

        chartMetric.setId("chart-metric");
        chartMetric.setLabel("Trend of");
        chartMetric.setItems(EvaluationReport.METRICS);
        chartMetric.setItemLabelGenerator(MetricInfo::label);
        chartMetric.setValue(EvaluationReport.METRICS.getFirst());
        chartMetric.addValueChangeListener(change -> updateChart());
        chart.setId("metrics-chart");
        chart.setWidthFull();
        chart.setHeight("280px");

        VerticalLayout trend = new VerticalLayout(chartMetric, chart);
        trend.setId("trend");
        trend.setPadding(false);
        // Side by side when each half gets 22rem, stacked below that (a phone): no squeezing.
        for (com.vaadin.flow.component.HasStyle part : List.of(trend, detail)) {
            part.getStyle().set("flex", "1 1 22rem").setMinWidth("0");
        }
        FlexLayout bottom = new FlexLayout(trend, detail);
        bottom.setId("models-bottom");
        bottom.setWidthFull();
        bottom.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        bottom.getStyle().set("gap", "var(--vaadin-gap-m, 1rem)");
        add(new H2("Models"), toolbar, evaluationSet, grid, bottom);
        refresh();
    }

    /** The address of one version's page. */
    static String path(int version) {
        return ModelLinks.version(version);
    }

    // ---- navigation ----

    /** {@code /models/<version>} selects that version; an unknown one shows the console's not-found page. */
    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter @Nullable Integer version) {
        if (version == null) {
            return;
        }
        Optional<ModelVersion> found = service.describe(version);
        if (found.isEmpty()) {
            event.rerouteToError(NotFoundException.class, "There is no model version " + version + ".");
            return;
        }
        select(found.get());
    }

    // ---- rows ----

    /** What the grid asks for as it scrolls: a slice of the versions, newest first. */
    private List<ModelVersion> rows(int offset, int limit) {
        List<ModelVersion> slice = pager.fetch(offset, limit);
        evaluations.load(slice);
        return slice;
    }

    /** Reads everything again (after a registration, a decision, new metrics): rows, baseline, chart, selection. */
    void refresh() {
        pager.reset();
        evaluations.clear();
        newest = rows(0, PAGE_SIZE); // kept by the pager: the grid's first request does not ask again
        baseline = service.servingBaseline(newest).orElse(null);
        baselineText.setText(baseline == null
                ? "No serving model with metrics to compare with yet."
                : "Differences are to the serving model: " + baseline.label() + ".");
        grid.getDataProvider().refreshAll();
        updateChart();
        if (selected != null) {
            service.describe(selected.version()).ifPresentOrElse(this::select, () -> {
                selected = null;
                grid.deselectAll();
                detail.show(null, null, baseline);
            });
        } else {
            detail.show(null, null, baseline);
        }
    }

    void select(ModelVersion version) {
        selected = version;
        grid.select(version);
        show(version, false);
    }

    private void show(ModelVersion version, boolean chosenByClick) {
        selected = version;
        detail.show(version, evaluations.of(version.version()), baseline);
        if (chosenByClick) {
            // The address follows the selection (without a new history entry), so it can be bookmarked or shared.
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, path(version.version())));
        }
    }

    // ---- badges and cells ----

    static StatusBadge statusBadge(ModelVersion version) {
        return VersionStatus.badge(version.status());
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

    // ---- chart ----

    private void updateChart() {
        chart.setOptions(TrendChart.options(chartMetric.getValue(), newest, baseline));
    }

    // ---- pushed updates ----

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        subscriptions.add(service.onEvaluationProgress(status -> ui.access(() -> onProgress(status))));
        subscriptions.add(service.onVersionChange(version -> ui.access(this::refresh)));
        ui.getPage().retrieveExtendedClientDetails(details -> grid.fitWidth(details.getWindowInnerWidth()));
        resizeRegistration = ui.getPage().addBrowserWindowResizeListener(resize -> grid.fitWidth(resize.getWidth()));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.forEach(Runnable::run);
        subscriptions.clear();
        if (resizeRegistration != null) {
            resizeRegistration.remove();
            resizeRegistration = null;
        }
        super.onDetach(detachEvent);
    }

    /**
     * One evaluation step. A running one changes only its own row (and the detail panel when it shows that version);
     * a finished one arrives as a version change, a failed one changes its row; the serving model's evaluation only
     * matters once it is over (the baseline).
     */
    private void onProgress(EvaluationStatus status) {
        if (status.key().startsWith("serving:")) {
            if (status.state() != EvaluationStatus.State.RUNNING) {
                refresh();
            }
            return;
        }
        ModelVersion version = pager.find(status.key(), service::target).orElse(null);
        if (version == null || status.state() == EvaluationStatus.State.DONE) {
            return;
        }
        evaluations.update(version.version(), status);
        grid.getDataProvider().refreshItem(version);
        if (selected != null && selected.version() == version.version()) {
            detail.show(selected, status, baseline);
        }
    }

    // ---- for tests ----

    Grid<ModelVersion> grid() {
        return grid;
    }

    Chart chart() {
        return chart;
    }

    VersionDetail detail() {
        return detail;
    }

    int registryRequests() {
        return pager.requests();
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
