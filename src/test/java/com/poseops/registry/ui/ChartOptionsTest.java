package com.poseops.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService.Baseline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The options handed to ApexCharts: one point per evaluated version, oldest first, the serving line. */
class ChartOptionsTest {

    @Test
    void pointsAreTheEvaluatedVersionsOldestFirstWithTheServingModelAsALine() {
        List<ModelVersion> newestFirst = List.of(version(3, "7.5"), version(2, null), version(1, "9.25"));
        String json = TrendChart.options(EvaluationReport.METRICS.getFirst(), newestFirst,
                new Baseline("serving", 1, Map.of(EvaluationReport.MEAN_ERROR, "9.25")));
        JsonNode options = JsonMapper.builder().build().readTree(json);
        JsonNode data = options.get("series").get(0).get("data");
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.get(0).get("x").asString()).isEqualTo("v1");
        assertThat(data.get(0).get("y").asDouble()).isEqualTo(9.25);
        assertThat(data.get(1).get("x").asString()).isEqualTo("v3");
        assertThat(options.get("annotations").get("yaxis").get(0).get("y").asDouble()).isEqualTo(9.25);
        assertThat(options.get("yaxis").get("title").get("text").asString()).contains("lower is better");
    }

    @Test
    void withoutAServingModelThereIsNoLine() {
        String json = TrendChart.options(EvaluationReport.METRICS.get(2), List.of(version(1, null)), null);
        assertThat(json).doesNotContain("annotations").contains("\"data\":[]");
    }

    private static ModelVersion version(int number, String meanError) {
        Map<String, String> metrics = meanError == null ? Map.of() : Map.of(EvaluationReport.MEAN_ERROR, meanError);
        return new ModelVersion(number, "g/" + number, Instant.parse("2026-11-23T10:00:00Z"), "dora", "d",
                ApprovalStatus.PENDING, metrics, "file:///m", null, null);
    }

    @Test
    void theAxisFitsTheMetricZeroToOneForAShareFromZeroForAnAmount() {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode pck = json.readTree(TrendChart.options(metric(EvaluationReport.PCK), List.of(version(1, null)), null))
                .get("yaxis");
        assertThat(pck.get("min").asDouble()).isEqualTo(0);
        assertThat(pck.get("max").asDouble()).as("PCK@0.05 is a share: the axis ends at 1, not 2").isEqualTo(1);
        JsonNode error = json.readTree(TrendChart.options(metric(EvaluationReport.MEAN_ERROR), List.of(), null))
                .get("yaxis");
        assertThat(error.get("min").asDouble()).isEqualTo(0);
        assertThat(error.has("max")).as("pixels have no upper bound").isFalse();
    }

    private static EvaluationReport.MetricInfo metric(String name) {
        return EvaluationReport.METRICS.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
