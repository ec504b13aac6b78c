package com.poseops.registry.ui;

import com.poseops.registry.EvaluationReport.MetricInfo;
import com.poseops.registry.MetricComparison;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService.Baseline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The Models page's trend chart: what it hands to the shared {@link com.poseops.platform.ui.components.Chart}. */
final class TrendChart {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TrendChart() {
    }

    /**
     * ApexCharts options: one metric over the newest versions (oldest left), the serving model as a dashed line. The
     * y axis fits the metric: 0 to 1 for a share (PCK, score), from 0 for an amount (pixels, milliseconds).
     */
    static String options(@Nullable MetricInfo metric, List<ModelVersion> versions, @Nullable Baseline baseline) {
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
        Map<String, Object> yaxis = new LinkedHashMap<>();
        yaxis.put("title", Map.of("text", metric.label() + (metric.higherIsBetter()
                ? " (higher is better)" : " (lower is better)")));
        yaxis.put("min", 0);
        if (metric.fraction()) {
            yaxis.put("max", 1);
            yaxis.put("tickAmount", 5);
        } else {
            yaxis.put("forceNiceScale", true);
        }
        options.put("yaxis", yaxis);
        options.put("noData", Map.of("text", "No evaluated versions yet"));
        Double serving = baseline == null ? null : MetricComparison.number(baseline.metrics().get(metric.name()));
        if (serving != null) {
            // Its colours come from the theme (the shared chart's stylesheet), like the axes'.
            options.put("annotations", Map.of("yaxis", List.of(Map.of("y", serving, "strokeDashArray", 6,
                    "label", Map.of("text", "serving")))));
        }
        return JSON.writeValueAsString(options);
    }
}
