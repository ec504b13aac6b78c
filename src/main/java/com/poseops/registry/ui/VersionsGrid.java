package com.poseops.registry.ui;

import com.poseops.registry.EvaluationReport;
import com.poseops.registry.EvaluationReport.MetricInfo;
import com.poseops.registry.ModelVersion;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The versions grid of the Models page. On a narrow window (a phone) it keeps the columns that matter there —
 * version, status, mean error and PCK — so that they fit without scrolling sideways; the rest is in the detail panel.
 */
final class VersionsGrid extends Grid<ModelVersion> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    /** The metrics shown in the narrow layout too. */
    private static final Set<String> KEY_METRICS = Set.of(EvaluationReport.MEAN_ERROR, EvaluationReport.PCK);
    /** Their headers on a narrow window. */
    private static final java.util.Map<String, String> SHORT_LABELS = java.util.Map.of(
            EvaluationReport.MEAN_ERROR, "Err (px)", EvaluationReport.PCK, "PCK");

    private final List<Column<ModelVersion>> wideOnly = new ArrayList<>();
    private final List<Column<ModelVersion>> keyMetrics = new ArrayList<>();
    private final Column<ModelVersion> versionColumn;
    private final Column<ModelVersion> statusColumn;

    /**
     * @param metricText a version's value of a metric, or what stands in for it (e.g. evaluation progress)
     * @param deltaCell  a version's differences to the serving model
     */
    VersionsGrid(BiFunction<ModelVersion, MetricInfo, String> metricText, Function<ModelVersion, Component> deltaCell) {
        setId("versions-grid");
        versionColumn = addColumn(v -> "v" + v.version()).setHeader("Version").setWidth("5.5em").setFlexGrow(0)
                .setKey("version");
        wideOnly.add(addColumn(v -> TIME.format(v.createdAt())).setHeader("Created").setAutoWidth(true)
                .setFlexGrow(0));
        wideOnly.add(addColumn(ModelVersion::registeredBy).setHeader("Registered by").setAutoWidth(true));
        // Wide enough for the longest status ("Approved", "Rejected"): a badge that changes is never cut.
        statusColumn = addComponentColumn(ModelsView::statusBadge).setHeader("Status").setWidth("8.5em")
                .setFlexGrow(0).setKey("status");
        for (MetricInfo metric : EvaluationReport.METRICS) {
            Column<ModelVersion> column = addColumn(v -> metricText.apply(v, metric)).setHeader(metric.label())
                    .setAutoWidth(true).setKey(metric.name());
            (KEY_METRICS.contains(metric.name()) ? keyMetrics : wideOnly).add(column);
        }
        wideOnly.add(addComponentColumn(deltaCell::apply).setHeader("vs. serving").setAutoWidth(true)
                .setKey("delta"));
        setEmptyStateText("No model versions yet. A DEPLOYER registers one with \"Register version\".");
        setHeight("20rem");
        setMinHeight("12rem");
        getElement().setAttribute("data-layout", "wide");
    }

    /** Shows every column on a wide window, only the key ones below {@link ModelsView#NARROW_WIDTH} pixels. */
    void fitWidth(int windowWidth) {
        boolean narrow = windowWidth > 0 && windowWidth < ModelsView.NARROW_WIDTH;
        wideOnly.forEach(column -> column.setVisible(!narrow));
        // Narrow: four columns of fixed, small widths (21em) that fit a 390 px phone with the page's padding.
        versionColumn.setWidth(narrow ? "4em" : "5.5em");
        statusColumn.setWidth(narrow ? "7em" : "8.5em");
        for (Column<ModelVersion> column : keyMetrics) {
            MetricInfo metric = EvaluationReport.METRICS.stream().filter(m -> m.name().equals(column.getKey()))
                    .findFirst().orElseThrow();
            column.setHeader(narrow ? SHORT_LABELS.get(metric.name()) : metric.label());
            column.setAutoWidth(!narrow);
            column.setWidth(narrow ? "5em" : "6em"); // wide: auto width, recalculated below
        }
        recalculateColumnWidths();
        getElement().setAttribute("data-layout", narrow ? "narrow" : "wide");
    }
}
