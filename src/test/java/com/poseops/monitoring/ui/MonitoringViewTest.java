package com.poseops.monitoring.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.InvocationObserver.RoutedInvocation;
import com.poseops.inference.TestData;
import com.poseops.monitoring.CaptureSummary;
import com.poseops.monitoring.InferenceServerChild;
import com.poseops.monitoring.MetricPeriods;
import com.poseops.monitoring.local.InvocationRecorder;
import com.poseops.monitoring.local.LocalCaptureWriter;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.select.Select;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Monitoring page in the whole console (local mode, DynamoDB Local), browserless: what a person sees after the
 * local recorder has recorded traffic (fed the front door's {@link RoutedInvocation}s), with a violation of the 1 s
 * threshold, per variant, as CSV, with an empty range; and a captured request with its keypoints, opened on the Pose
 * page.
 */
@PoseOpsSpringTest
class MonitoringViewTest extends SpringBrowserlessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    InvocationRecorder recorder;
    @Autowired
    LocalCaptureWriter captureWriter;

    @Test
    @WithMockUser(username = "vera-monitoring", roles = "VIEWER")
    void aViewerSeesTheRecordedTrafficTheThresholdLineAViolationAndTheAlarmInAlarm() throws Exception {
        // the minute before: 30 fast requests on blue, 10 on green; this minute: 5 slow ones (1.5 s) on blue
        Instant now = Instant.now();
        Instant lastMinute = MetricPeriods.floor(now, MetricPeriods.MINUTE);
        Instant twoMinutesAgo = lastMinute.minus(Duration.ofMinutes(1));
        for (int i = 0; i < 30; i++) {
            recorder.observed(invocation(twoMinutesAgo.plusSeconds(i), "blue", 200, 20_000 + i * 100L));
        }
        for (int i = 0; i < 10; i++) {
            recorder.observed(invocation(twoMinutesAgo.plusSeconds(i), "green", i == 0 ? 500 : 200, 40_000));
        }
        for (int i = 0; i < 5; i++) {
            recorder.observed(invocation(lastMinute.plusSeconds(i), "blue", 200, 1_500_000));
        }
        recorder.flushNow();

        // what every page shows is fetched at most once per refresh interval (shared by all pages): the numbers may
        // come with the next refresh (pushed to open pages; here the range is picked again, as a person would)
        MonitoringView view = navigate("monitoring", MonitoringView.class);
        @SuppressWarnings("unchecked")
        Select<com.poseops.monitoring.TimeRange> range = find(Select.class).withId("monitoring-range").single();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!hasPoint(series(view, TimeCharts.Kind.INVOCATIONS), "Invocations", lastMinute, 5.0)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            test(range).selectItem("15 min");
            test(range).selectItem("1 h");
        }

        JsonNode latency = series(view, TimeCharts.Kind.LATENCY);
        assertThat(names(latency)).containsExactly("Model latency p50", "Model latency p90", "Model latency p99",
                "Model latency average", "Threshold (1000 ms)");
        assertThat(valueAt(latency, "Model latency average", lastMinute)).isEqualTo(1500.0);
        assertThat(valueAt(latency, "Model latency p50", twoMinutesAgo)).isBetween(21.0, 23.0);
        assertThat(latency.get(4).get("data").get(0).get(1).asDouble()).as("threshold line").isEqualTo(1000.0);
        JsonNode invocations = series(view, TimeCharts.Kind.INVOCATIONS);
        assertThat(valueAt(invocations, "Invocations", twoMinutesAgo)).isEqualTo(40.0);
        assertThat(valueAt(invocations, "Invocations", lastMinute)).isEqualTo(5.0);
        assertThat(valueAt(series(view, TimeCharts.Kind.ERRORS), "5xx errors", twoMinutesAgo)).isEqualTo(1.0);

        @SuppressWarnings("unchecked")
        Grid<com.poseops.monitoring.Violation> violations = find(Grid.class).withId("monitoring-violations").single();
        // (earlier runs of this test may have left violations in the last hour: look for this one)
        int row = -1;
        for (int i = 0; i < test(violations).size(); i++) {
            if (test(violations).getRow(i).start().equals(lastMinute)) {
                row = i;
            }
        }
        assertThat(row).as("the violation of this minute (%s) is listed: %s; minutes %s", lastMinute,
                view.shown().violations(), view.shown().metrics().minuteLatency()).isNotNegative();
        assertThat(test(violations).getRow(row).end()).isEqualTo(lastMinute.plus(Duration.ofMinutes(1)));
        assertThat(test(violations).getCellText(row, 2)).isEqualTo("1500 ms");
        assertThat(test(violations).getCellText(row, 3)).as("which version served").isNotBlank();
        JsonNode options = JSON.readTree(view.chart(TimeCharts.Kind.LATENCY).getOptions());
        List<Long> shaded = new ArrayList<>();
        options.get("annotations").get("xaxis").forEach(a -> shaded.add(a.get("x").asLong()));
        assertThat(shaded).as("shaded violation").contains(lastMinute.toEpochMilli());

        // the alarm looks at the last 15 minutes, fetched at most once per refresh for every page: it may take one
        deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!"ALARM".equals(latencyAlarm().getElement().getAttribute("data-state"))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            test(range).selectItem("15 min");
            test(range).selectItem("1 h");
        }
        Component latencyAlarm = latencyAlarm();
        assertThat(latencyAlarm.getElement().getAttribute("data-state")).isEqualTo("ALARM");
        assertThat(latencyAlarm.getElement().getText()).startsWith("Average model latency > 1000 ms: ALARM");

        // the variant filter separates the variants
        @SuppressWarnings("unchecked")
        Select<String> variant = find(Select.class).withId("monitoring-variant").single();
        assertThat(variant.getListDataView().getItems().toList()).contains("All variants", "blue", "green");
        test(variant).selectItem("green");
        JsonNode green = series(view, TimeCharts.Kind.INVOCATIONS);
        assertThat(valueAt(green, "Invocations", twoMinutesAgo)).isEqualTo(10.0);
        assertThat(hasPoint(green, "Invocations", lastMinute, 5.0)).as("the slow minute was blue's only").isFalse();

        // CSV of the chart: the same numbers
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        test(find(Anchor.class).withId("csv-invocations").single()).download(csv);
        assertThat(csv.toString(StandardCharsets.UTF_8)).startsWith("period_start_utc,Invocations (requests)\n")
                .contains(twoMinutesAgo + ",10\n");
    }

    @Test
    @WithMockUser(username = "vera-monitoring", roles = "VIEWER")
    void aRangeWithoutTrafficSaysSo() {
        navigate("monitoring", MonitoringView.class);
        @SuppressWarnings("unchecked")
        Select<com.poseops.monitoring.TimeRange> range = find(Select.class).withId("monitoring-range").single();
        test(range).selectItem("Custom");
        com.vaadin.flow.component.datetimepicker.DateTimePicker from =
                find(com.vaadin.flow.component.datetimepicker.DateTimePicker.class).withId("monitoring-from").single();
        com.vaadin.flow.component.datetimepicker.DateTimePicker to =
                find(com.vaadin.flow.component.datetimepicker.DateTimePicker.class).withId("monitoring-to").single();
        from.setValue(java.time.LocalDateTime.of(2026, 1, 1, 10, 0));
        to.setValue(java.time.LocalDateTime.of(2026, 1, 1, 12, 0));
        test(find(com.vaadin.flow.component.button.Button.class).withId("monitoring-apply").single()).click();
        assertThat(text("monitoring-message")).startsWith("No traffic in this range");
        assertThat(text("monitoring-no-violations")).startsWith("No minute in this range");

        to.setValue(java.time.LocalDateTime.of(2025, 1, 1, 12, 0));
        test(find(com.vaadin.flow.component.button.Button.class).withId("monitoring-apply").single()).click();
        assertThat(text("monitoring-message")).isEqualTo("The start of the range must be before its end.");
    }

    @Test
    @WithMockUser(username = "vera-monitoring", roles = "VIEWER")
    void aCapturedRequestIsListedWithItsKeypointsAndOpensOnThePosePage() throws Exception {
        byte[] image = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        HttpResponse<byte[]> answer;
        try (InferenceServerChild server = InferenceServerChild.start(Path.of("target", "monitoring-view-server.log"))) {
            answer = server.invoke(image);
        }
        assertThat(answer.statusCode()).isEqualTo(200);
        Instant at = Instant.now();
        captureWriter.observed(new RoutedInvocation(at, "hp-prediction-endpoint", "blue", "config-1", 200, 9_000, 300,
                "image/jpeg", image, "application/json", answer.body()));
        captureWriter.drain();

        MonitoringView view = navigate("monitoring", MonitoringView.class);
        @SuppressWarnings("unchecked")
        Grid<CaptureSummary> captures = find(Grid.class).withId("monitoring-captures").single();
        CaptureSummary newest = test(captures).getRow(0);
        assertThat(newest.at()).isEqualTo(at);
        assertThat(newest.variant()).isEqualTo("blue");
        assertThat(newest.keypoints()).isBetween(12, 17);
        assertThat(text("captures-status")).startsWith("Capturing 100 % of requests");

        test(captures).clickRow(0);

        assertThat(text("pose-source")).startsWith("Captured by the endpoint (its answer then, no new inference)");
        assertThat(text("pose-endpoint")).endsWith("variant blue");
        assertThat(view).isNotNull();
    }

    private Component latencyAlarm() {
        return find(Component.class).withAttribute("data-alarm", "poseops-hp-prediction-endpoint-latency").single();
    }

    private static RoutedInvocation invocation(Instant at, String variant, int status, long modelMicros) {
        return new RoutedInvocation(at, "hp-prediction-endpoint", variant, "config-1", status, modelMicros, 400,
                "image/jpeg", new byte[0], "application/json", new byte[0]);
    }

    private static JsonNode series(MonitoringView view, TimeCharts.Kind kind) {
        return JSON.readTree(view.chart(kind).getSeries());
    }

    private static List<String> names(JsonNode series) {
        List<String> names = new ArrayList<>();
        series.forEach(s -> names.add(s.get("name").asString()));
        return names;
    }

    private static boolean hasPoint(JsonNode series, String name, Instant at, double value) {
        try {
            return valueAt(series, name, at) == value;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static double valueAt(JsonNode series, String name, Instant at) {
        for (JsonNode s : series) {
            if (s.get("name").asString().equals(name)) {
                for (JsonNode point : s.get("data")) {
                    if (point.get(0).asLong() == at.toEpochMilli()) {
                        return point.get(1).asDouble();
                    }
                }
                throw new AssertionError(name + " has no point at " + at + ": " + s);
            }
        }
        throw new AssertionError("no series " + name + " in " + series);
    }

    private String text(String id) {
        return find(Component.class).withId(id).single().getElement().getText();
    }
}
