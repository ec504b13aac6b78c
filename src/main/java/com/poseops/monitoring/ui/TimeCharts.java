package com.poseops.monitoring.ui;

import com.poseops.monitoring.DeploymentMarker;
import com.poseops.monitoring.MetricPoint;
import com.poseops.monitoring.MetricSeries;
import com.poseops.monitoring.MonitoringSnapshot;
import com.poseops.monitoring.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ApexCharts options of the Monitoring page's time charts, built on the server: one series per metric as
 * {@code [epoch ms, value]} pairs (what {@code data-series} carries), the threshold as a series of its own on the
 * latency chart, deployment markers as vertical lines naming the versions and violations as shaded ranges; and the
 * same numbers as CSV.
 */
final class TimeCharts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String THRESHOLD_SERIES = "Threshold";

    /** What one chart shows. */
    enum Kind {
        LATENCY("latency", "Model latency", "ms", List.of(MetricSeries.MODEL_LATENCY_P50, MetricSeries.MODEL_LATENCY_P90,
                MetricSeries.MODEL_LATENCY_P99, MetricSeries.MODEL_LATENCY_AVERAGE)),
        OVERHEAD("overhead", "Overhead latency", "ms", List.of(MetricSeries.OVERHEAD_LATENCY_P50,
                MetricSeries.OVERHEAD_LATENCY_P90, MetricSeries.OVERHEAD_LATENCY_P99,
                MetricSeries.OVERHEAD_LATENCY_AVERAGE)),
        INVOCATIONS("invocations", "Invocations", "requests per period", List.of(MetricSeries.INVOCATIONS)),
        ERRORS("errors", "4xx and 5xx errors", "requests per period", List.of(MetricSeries.ERRORS_4XX,
                MetricSeries.ERRORS_5XX)),
        CPU("cpu", "CPU", "% (100 % per core)", List.of(MetricSeries.CPU_UTILIZATION)),
        MEMORY_DISK("resources", "Memory and disk", "%", List.of(MetricSeries.MEMORY_UTILIZATION,
                MetricSeries.DISK_UTILIZATION));

        final String id;
        final String title;
        final String unit;
        final List<MetricSeries> series;

        Kind(String id, String title, String unit, List<MetricSeries> series) {
            this.id = id;
            this.title = title;
            this.unit = unit;
            this.series = series;
        }
    }

    private TimeCharts() {
    }

    static String options(Kind kind, MonitoringSnapshot snapshot) {
        ObjectNode options = JSON.createObjectNode();
        ObjectNode chart = options.putObject("chart");
        chart.put("type", "line");
        chart.put("height", 240);
        chart.putObject("animations").put("enabled", false);
        chart.putObject("toolbar").put("show", true);
        chart.putObject("zoom").put("enabled", false);
        options.putObject("stroke").put("width", 2).put("curve", "straight");
        options.putObject("markers").put("size", 0);
        options.putObject("legend").put("show", true);
        options.putObject("dataLabels").put("enabled", false);
        ObjectNode xaxis = options.putObject("xaxis");
        xaxis.put("type", "datetime");
        xaxis.put("min", snapshot.query().from().toEpochMilli());
        xaxis.put("max", snapshot.query().to().toEpochMilli());
        xaxis.putObject("labels").put("datetimeUTC", false);
        ObjectNode yaxis = options.putObject("yaxis");
        yaxis.putObject("title").put("text", kind.unit);
        yaxis.put("min", 0);
        yaxis.put("forceNiceScale", true);
        // ApexCharts labels the axis with as many decimals as the data has (CPU "20.000 %"); one is enough to read.
        yaxis.put("decimalsInFloat", 1);
        options.putObject("tooltip").putObject("x").put("format", "dd MMM HH:mm");
        ArrayNode series = options.putArray("series");
        for (MetricSeries metric : kind.series) {
            ObjectNode s = series.addObject();
            s.put("name", metric.label());
            ArrayNode data = s.putArray("data");
            for (MetricPoint point : points(snapshot, metric)) {
                data.addArray().add(point.start().toEpochMilli()).add(round(point.value()));
            }
        }
        ObjectNode annotations = options.putObject("annotations");
        ArrayNode x = annotations.putArray("xaxis");
        if (kind == Kind.LATENCY) {
            ObjectNode threshold = series.addObject();
            threshold.put("name", THRESHOLD_SERIES + " (" + format(snapshot.thresholdMillis()) + " ms)");
            threshold.putArray("data")
                    .add(JSON.createArrayNode().add(snapshot.query().from().toEpochMilli()).add(snapshot.thresholdMillis()))
                    .add(JSON.createArrayNode().add(snapshot.query().to().toEpochMilli()).add(snapshot.thresholdMillis()));
            options.putArray("colors").add("#1e88e5").add("#fb8c00").add("#e53935").add("#43a047").add("#b71c1c");
            options.putObject("stroke").put("curve", "straight").putArray("width").add(2).add(2).add(2).add(2).add(1);
            options.withObject("/stroke").putArray("dashArray").add(0).add(0).add(0).add(0).add(6);
            for (Violation violation : snapshot.violations()) {
                ObjectNode shade = x.addObject();
                shade.put("x", violation.start().toEpochMilli());
                shade.put("x2", violation.end().toEpochMilli());
                shade.put("fillColor", "#e53935");
                shade.put("opacity", 0.15);
                shade.put("borderColor", "#e53935");
            }
        }
        for (DeploymentMarker marker : snapshot.markers()) {
            ObjectNode line = x.addObject();
            line.put("x", marker.at().toEpochMilli());
            line.put("strokeDashArray", 4);
            String color = marker.kind() == DeploymentMarker.Kind.DEPLOY ? "#5e35b1" : "#d81b60";
            line.put("borderColor", color);
            ObjectNode label = line.putObject("label");
            label.put("text", marker.label());
            label.put("orientation", "vertical");
            label.putObject("style").put("color", "#fff").put("background", color);
        }
        return JSON.writeValueAsString(options);
    }

    /** The markers as the charts' {@code data-markers} attribute: what a person reads on the lines. */
    static String markersJson(List<DeploymentMarker> markers) {
        ArrayNode array = JSON.createArrayNode();
        for (DeploymentMarker marker : markers) {
            array.addObject().put("at", marker.at().toEpochMilli()).put("kind", marker.kind().name())
                    .put("label", marker.label());
        }
        return JSON.writeValueAsString(array);
    }

    /** One row per period, one column per series of the chart; empty cells where a series has no point. */
    static String csv(Kind kind, MonitoringSnapshot snapshot) {
        TreeMap<Instant, String[]> rows = new TreeMap<>();
        for (int i = 0; i < kind.series.size(); i++) {
            for (MetricPoint point : points(snapshot, kind.series.get(i))) {
                String[] row = rows.computeIfAbsent(point.start(), t -> new String[kind.series.size()]);
                row[i] = format(point.value());
            }
        }
        StringBuilder csv = new StringBuilder("period_start_utc");
        for (MetricSeries series : kind.series) {
            csv.append(',').append(series.label()).append(" (").append(series.unit().symbol()).append(')');
        }
        csv.append('\n');
        for (Map.Entry<Instant, String[]> row : rows.entrySet()) {
            csv.append(row.getKey());
            for (String cell : row.getValue()) {
                csv.append(',').append(cell == null ? "" : cell);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static List<MetricPoint> points(MonitoringSnapshot snapshot, MetricSeries series) {
        return snapshot.metrics() == null ? List.of() : snapshot.metrics().points(series);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
