package com.poseops.training.ui;

import com.poseops.training.MetricPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * ApexCharts options for training curves: every metric a job's regexes caught, grouped by what it measures (the part
 * after {@code channel:}), so train and validation of one metric share a chart; x is the epoch (the value's index).
 * Summary metrics ({@code heldout:*}, one value per job) are final metrics, not curves.
 */
final class Curves {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SUMMARY_CHANNEL = "heldout";

    private Curves() {
    }

    /** The metric groups of a job's points, in a stable order (loss first), each with its series by metric name. */
    static Map<String, Map<String, List<MetricPoint>>> groups(List<MetricPoint> points) {
        Map<String, Map<String, List<MetricPoint>>> groups = new TreeMap<>((a, b) -> order(a) != order(b)
                ? Integer.compare(order(a), order(b)) : a.compareTo(b));
        for (MetricPoint point : points) {
            if (channel(point.metric()).equals(SUMMARY_CHANNEL)) {
                continue;
            }
            groups.computeIfAbsent(group(point.metric()), g -> new TreeMap<>())
                    .computeIfAbsent(point.metric(), m -> new ArrayList<>()).add(point);
        }
        return groups;
    }

    /** One chart: a line per series (name → points), x = epoch. */
    static String options(String group, Map<String, List<MetricPoint>> series) {
        List<Map<String, Object>> lines = new ArrayList<>();
        series.forEach((name, points) -> {
            List<List<Number>> data = new ArrayList<>();
            points.stream().sorted(java.util.Comparator.comparingInt(MetricPoint::index))
                    .forEach(p -> data.add(List.of(p.index(), round(p.value()))));
            lines.add(Map.of("name", name, "data", data));
        });
        return chart(title(group), "epoch", lines);
    }

    /** Trend of one final metric across runs: x = run (oldest left). */
    static String trend(String metric, List<String> runs, List<Double> values) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            points.add(Map.of("x", runs.get(i), "y", round(values.get(i))));
        }
        Map<String, Object> options = base(metric + " across runs");
        options.put("chart", Map.of("type", "line", "height", 260, "animations", Map.of("enabled", false),
                "toolbar", Map.of("show", false), "zoom", Map.of("enabled", false)));
        options.put("series", List.of(Map.of("name", metric, "data", points)));
        options.put("xaxis", Map.of("type", "category", "title", Map.of("text", "run (oldest first)")));
        return JSON.writeValueAsString(options);
    }

    static String chart(String title, String xTitle, List<Map<String, Object>> series) {
        Map<String, Object> options = base(title);
        options.put("series", series);
        options.put("xaxis", Map.of("type", "numeric", "decimalsInFloat", 0, "title", Map.of("text", xTitle)));
        return JSON.writeValueAsString(options);
    }

    private static Map<String, Object> base(String title) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("chart", Map.of("type", "line", "height", 240, "animations", Map.of("enabled", false),
                "toolbar", Map.of("show", false), "zoom", Map.of("enabled", false)));
        options.put("title", Map.of("text", title));
        options.put("stroke", Map.of("width", 2));
        options.put("markers", Map.of("size", 3));
        options.put("legend", Map.of("show", true, "showForSingleSeries", true));
        options.put("yaxis", Map.of("decimalsInFloat", 3));
        options.put("noData", Map.of("text", "No values yet"));
        return options;
    }

    static String group(String metric) {
        int colon = metric.indexOf(':');
        return colon < 0 ? metric : metric.substring(colon + 1);
    }

    static String channel(String metric) {
        int colon = metric.indexOf(':');
        return colon < 0 ? "" : metric.substring(0, colon);
    }

    private static String title(String group) {
        return switch (group) {
            case "loss" -> "Log-loss (lower is better)";
            case "ece" -> "Expected calibration error (lower is better)";
            case "brier" -> "Brier score (lower is better)";
            default -> group;
        };
    }

    private static int order(String group) {
        return switch (group) {
            case "loss" -> 0;
            case "ece" -> 1;
            case "brier" -> 2;
            default -> 3;
        };
    }

    private static double round(double value) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.5f", value));
    }
}
