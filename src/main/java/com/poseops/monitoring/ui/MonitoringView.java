package com.poseops.monitoring.ui;

import com.poseops.endpoints.RollbackAlarm;
import com.poseops.monitoring.AlarmStatus;
import com.poseops.monitoring.MetricsResult;
import com.poseops.monitoring.MonitoringRefresher;
import com.poseops.monitoring.MonitoringRequest;
import com.poseops.monitoring.MonitoringService;
import com.poseops.monitoring.MonitoringSnapshot;
import com.poseops.monitoring.TimeRange;
import com.poseops.monitoring.Violation;
import com.poseops.platform.ui.components.Chart;
import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's inference time, traffic, errors and resource use over a chosen range: charts with the latency
 * threshold, deployment markers and shaded violations, the violations listed, the rollback alarms' states, and the
 * captured requests. Every role sees it. The console's one refresher pushes new numbers to the page; a new violation
 * is announced.
 */
@Route("monitoring")
@PageTitle("Monitoring · PoseOps")
@Menu(order = 45, title = "Monitoring", icon = "vaadin:chart")
@PermitAll
class MonitoringView extends VerticalLayout implements BeforeEnterObserver {

    static final String ALL_VARIANTS = "All variants";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final MonitoringService service;
    private final MonitoringRefresher refresher;
    private final CapturesPanel captures;
    private final Select<TimeRange> range = new Select<>();
    private final DateTimePicker customFrom = new DateTimePicker("From");
    private final DateTimePicker customTo = new DateTimePicker("To");
    private final Button apply = new Button("Show");
    private final Select<String> variant = new Select<>();
    private final Span updated = new Span();
    private final Span source = new Span();
    private final Div alarms = new Div();
    private final Div message = new Div();
    private final Div dropped = new Div();
    private final Map<TimeCharts.Kind, Chart> charts = new EnumMap<>(TimeCharts.Kind.class);
    private final Map<TimeCharts.Kind, String> shownOptions = new EnumMap<>(TimeCharts.Kind.class);
    private final Grid<Violation> violations = new Grid<>();
    private final Span noViolations = new Span();
    private MonitoringRequest request = MonitoringRequest.last(TimeRange.LAST_HOUR, null);
    private @Nullable MonitoringSnapshot shown;
    private @Nullable Runnable watch;
    private @Nullable Runnable violationWatch;
    private boolean entering;

    MonitoringView(MonitoringService service, MonitoringRefresher refresher, CapturesPanel captures) {
        this.service = service;
        this.refresher = refresher;
        this.captures = captures;
        setWidthFull();
        add(new H2("Monitoring"));
        source.setId("monitoring-source");
        source.getStyle().setColor("var(--vaadin-text-color-secondary, #666)");
        alarms.setId("monitoring-alarms");
        alarms.getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.FLEX).setGap("0.5em")
                .set("flex-wrap", "wrap");
        add(source, alarms, controls());
        message.setId("monitoring-message");
        message.getStyle().setFontWeight("600");
        dropped.setId("monitoring-dropped");
        TonedText.apply(dropped, Tone.ERROR);
        add(message, dropped, chartGrid(), violationSection(), captures);
    }

    private HorizontalLayout controls() {
        range.setId("monitoring-range");
        range.setLabel("Range");
        range.setItems(TimeRange.values());
        range.setItemLabelGenerator(TimeRange::label);
        range.setValue(TimeRange.LAST_HOUR);
        range.addValueChangeListener(change -> {
            boolean custom = change.getValue() == TimeRange.CUSTOM;
            customFrom.setVisible(custom);
            customTo.setVisible(custom);
            apply.setVisible(custom);
            if (!custom) {
                select(MonitoringRequest.last(change.getValue(), selectedVariant()));
            }
        });
        customFrom.setId("monitoring-from");
        customTo.setId("monitoring-to");
        apply.setId("monitoring-apply");
        apply.addClickListener(click -> applyCustom());
        customFrom.setVisible(false);
        customTo.setVisible(false);
        apply.setVisible(false);
        variant.setId("monitoring-variant");
        variant.setLabel("Variant");
        variant.setItems(ALL_VARIANTS);
        variant.setValue(ALL_VARIANTS);
        variant.addValueChangeListener(change -> {
            if (change.isFromClient() || !Objects.equals(change.getValue(), change.getOldValue())) {
                select(new MonitoringRequest(request.range(), request.customFrom(), request.customTo(),
                        selectedVariant()));
            }
        });
        updated.setId("monitoring-updated");
        updated.getStyle().setColor("var(--vaadin-text-color-secondary, #666)");
        HorizontalLayout controls = new HorizontalLayout(range, customFrom, customTo, apply, variant, updated);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.getStyle().set("flex-wrap", "wrap");
        return controls;
    }

    /**
     * A link may name the range and the variant: {@code /monitoring?range=7d&variant=blue} (range: 15m, 1h, 3h, 12h,
     * 24h, 7d).
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        TimeRange linked = switch (parameters.getOrDefault("range", List.of("")).getFirst()) {
            case "15m" -> TimeRange.LAST_15_MINUTES;
            case "1h" -> TimeRange.LAST_HOUR;
            case "3h" -> TimeRange.LAST_3_HOURS;
            case "12h" -> TimeRange.LAST_12_HOURS;
            case "24h" -> TimeRange.LAST_24_HOURS;
            case "7d" -> TimeRange.LAST_7_DAYS;
            default -> null;
        };
        List<String> linkedVariant = parameters.get("variant");
        entering = true;
        try {
            if (linkedVariant != null && !linkedVariant.isEmpty() && !linkedVariant.getFirst().isBlank()) {
                variant.setItems(ALL_VARIANTS, linkedVariant.getFirst());
                variant.setValue(linkedVariant.getFirst());
            }
            if (linked != null) {
                range.setValue(linked);
            }
        } finally {
            entering = false;
        }
        request = MonitoringRequest.last(range.getValue(), selectedVariant());
    }

    private void applyCustom() {
        if (customFrom.getValue() == null || customTo.getValue() == null) {
            showMessage("Choose both a start and an end for a custom range.");
            return;
        }
        try {
            select(new MonitoringRequest(TimeRange.CUSTOM,
                    customFrom.getValue().atZone(ZoneId.systemDefault()).toInstant(),
                    customTo.getValue().atZone(ZoneId.systemDefault()).toInstant(), selectedVariant()));
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage());
        }
    }

    private FlexLayout chartGrid() {
        FlexLayout grid = new FlexLayout();
        grid.setId("monitoring-charts");
        grid.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        grid.getStyle().setGap("var(--vaadin-gap-m, 1rem)");
        grid.setWidthFull();
        for (TimeCharts.Kind kind : TimeCharts.Kind.values()) {
            Chart chart = new Chart();
            chart.setId("chart-" + kind.id);
            chart.setWidthFull();
            charts.put(kind, chart);
            Anchor csv = new Anchor(DownloadHandler.fromInputStream(event -> {
                MonitoringSnapshot snapshot = shown;
                byte[] bytes = (snapshot == null ? "" : TimeCharts.csv(kind, snapshot))
                        .getBytes(StandardCharsets.UTF_8);
                return new DownloadResponse(new ByteArrayInputStream(bytes), "poseops-" + kind.id + ".csv",
                        "text/csv", bytes.length);
            }), "Download CSV");
            csv.setId("csv-" + kind.id);
            csv.setTarget(AnchorTarget.BLANK);
            csv.getElement().setAttribute("download", true);
            HorizontalLayout title = new HorizontalLayout(new H3(kind.title), csv);
            title.setAlignItems(FlexComponent.Alignment.BASELINE);
            Div box = new Div(title, chart);
            box.getStyle().setFlexGrow("1").setFlexBasis("28em").setMinWidth("18em");
            grid.add(box);
        }
        return grid;
    }

    private Div violationSection() {
        violations.setId("monitoring-violations");
        violations.addColumn(v -> TIME.format(v.start())).setHeader("Start").setAutoWidth(true);
        violations.addColumn(v -> TIME.format(v.end())).setHeader("End").setAutoWidth(true);
        violations.addColumn(v -> TimeCharts.format(Math.round(v.peakMillis())) + " ms").setHeader("Peak average")
                .setAutoWidth(true);
        violations.addColumn(Violation::servedBy).setHeader("Version serving").setFlexGrow(1);
        violations.setAllRowsVisible(true);
        noViolations.setId("monitoring-no-violations");
        Div section = new Div(new H3("Violations"), noViolations, violations);
        section.setWidthFull();
        return section;
    }

    private void select(MonitoringRequest next) {
        request = next;
        if (entering) {
            return; // beforeEnter sets the controls from the link; the page loads once, on attach
        }
        resubscribe();
        show(service.snapshot(request));
    }

    private @Nullable String selectedVariant() {
        String value = variant.getValue();
        return value == null || ALL_VARIANTS.equals(value) ? null : value;
    }

    void show(MonitoringSnapshot snapshot) {
        if (!snapshot.request().equals(request)) {
            return; // an older request's refresh arriving after the person changed the range
        }
        if (shown != null && shown.request().equals(request) && isOlder(snapshot, shown)) {
            return; // a push built from numbers older than those shown (the person reloaded meanwhile)
        }
        boolean refresh = shown != null;
        shown = snapshot;
        if (refresh) {
            captures.refresh();
        }
        source.setText("Endpoint " + service.endpointName() + " · numbers from " + snapshot.source()
                + " · threshold " + TimeCharts.format(snapshot.thresholdMillis()) + " ms (ModelMonitoring.threshold)");
        updated.setText("Updated " + CLOCK.format(snapshot.takenAt()) + " · period "
                + period(snapshot.query().period()) + " · refreshes by itself");
        showAlarms(snapshot.alarms());
        showVariants(snapshot.metrics());
        String why = emptyState(snapshot);
        if (why == null) {
            message.setVisible(false);
            message.setText("");
        } else {
            showMessage(why);
        }
        long droppedSamples = snapshot.droppedSamples() + snapshot.droppedCaptures();
        dropped.setVisible(droppedSamples > 0);
        dropped.setText(droppedSamples == 0 ? "" : snapshot.droppedSamples() + " requests not recorded and "
                + snapshot.droppedCaptures() + " captures not written since the console started: the queues were "
                + "full (requests are never slowed down for monitoring).");
        String markers = TimeCharts.markersJson(snapshot.markers());
        for (Map.Entry<TimeCharts.Kind, Chart> entry : charts.entrySet()) {
            String options = TimeCharts.options(entry.getKey(), snapshot);
            if (!options.equals(shownOptions.get(entry.getKey()))) {
                entry.getValue().setOptions(options);
                entry.getValue().getElement().setAttribute("data-markers", markers);
                shownOptions.put(entry.getKey(), options);
            }
        }
        violations.setItems(snapshot.violations());
        violations.setVisible(!snapshot.violations().isEmpty());
        noViolations.setVisible(snapshot.violations().isEmpty());
        noViolations.setText(snapshot.metrics() == null ? "Violations are found once the numbers can be read."
                : "No minute in this range had an average model latency above "
                        + TimeCharts.format(snapshot.thresholdMillis()) + " ms.");
    }

    private static boolean isOlder(MonitoringSnapshot candidate, MonitoringSnapshot current) {
        return candidate.metrics() != null && current.metrics() != null
                && candidate.metrics().fetchedAt().isBefore(current.metrics().fetchedAt());
    }

    private static @Nullable String emptyState(MonitoringSnapshot snapshot) {
        if (snapshot.noEndpoint()) {
            return "No endpoint yet — deploy a version on the Endpoints page; its traffic shows here.";
        }
        if (snapshot.problem() != null) {
            return "The numbers could not be read: " + snapshot.problem();
        }
        MetricsResult metrics = snapshot.metrics();
        if (metrics != null && !metrics.hasTraffic()) {
            return "No traffic in this range — requests to the endpoint " + (snapshot.query().variant() == null ? ""
                    : "(variant " + snapshot.query().variant() + ") ") + "show here within a minute of being served."
                    + (metrics.isEmpty() ? "" : " Resource use is shown below.");
        }
        return null;
    }

    private void showAlarms(List<AlarmStatus> statuses) {
        alarms.removeAll();
        for (AlarmStatus status : statuses) {
            RollbackAlarm alarm = status.alarm();
            String state = status.state() == null ? "unknown" : status.state().name();
            String rule = alarm.kind() == RollbackAlarm.Kind.LATENCY
                    ? "> " + TimeCharts.format(alarm.threshold() / 1000.0) + " ms"
                    : "> " + TimeCharts.format(alarm.threshold() * 100) + " %";
            Span badge = new Span(alarm.kind().label() + " " + rule + ": " + state);
            badge.getElement().getThemeList().add("badge");
            badge.getElement().getThemeList().add(status.state() == RollbackAlarm.State.ALARM ? "error"
                    : status.state() == RollbackAlarm.State.OK ? "success" : "contrast");
            badge.getElement().setAttribute("data-state", state);
            badge.getElement().setAttribute("data-alarm", alarm.name());
            badge.getElement().setAttribute("title", alarm.name() + " (" + status.source() + ")");
            alarms.add(badge);
        }
    }

    private void showVariants(@Nullable MetricsResult metrics) {
        List<String> items = new ArrayList<>();
        items.add(ALL_VARIANTS);
        if (metrics != null) {
            items.addAll(metrics.variants());
        }
        String selected = variant.getValue();
        if (selected != null && !items.contains(selected)) {
            items.add(selected);
        }
        if (!items.equals(variant.getListDataView().getItems().toList())) {
            variant.setItems(items);
            variant.setValue(selected == null ? ALL_VARIANTS : selected);
        }
    }

    private void showMessage(String text) {
        message.setText(text);
        message.setVisible(true);
    }

    private void resubscribe() {
        if (watch != null) {
            watch.run();
        }
        UI ui = UI.getCurrent();
        if (ui != null && isAttached()) {
            MonitoringRequest watched = request;
            watch = refresher.watch(watched, snapshot -> ui.access(() -> show(snapshot)));
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        show(service.snapshot(request));
        resubscribe();
        violationWatch = refresher.onViolation(violation -> ui.access(() -> Notification.show(String.format(
                Locale.ROOT, "New violation: average model latency %.0f ms above the threshold %.0f ms since %s (%s)",
                violation.peakMillis(), violation.thresholdMillis(), CLOCK.format(violation.start()),
                violation.servedBy()), 10_000, Notification.Position.TOP_END)));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (watch != null) {
            watch.run();
            watch = null;
        }
        if (violationWatch != null) {
            violationWatch.run();
            violationWatch = null;
        }
        super.onDetach(detachEvent);
    }

    private static String period(Duration period) {
        return period.toMinutes() < 60 ? period.toMinutes() + " min" : period.toHours() + " h";
    }

    // ---- for tests in this package ----

    Chart chart(TimeCharts.Kind kind) {
        return charts.get(kind);
    }

    @Nullable MonitoringSnapshot shown() {
        return shown;
    }
}
