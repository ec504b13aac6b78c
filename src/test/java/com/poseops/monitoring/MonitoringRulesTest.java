package com.poseops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.endpoints.ServedModel;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules of the Monitoring page that need no database: the period of a range, the threshold rule, the rollback
 * alarm rule, and the deployment history read as markers and as "which version served".
 */
class MonitoringRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:34:56Z");

    @Test
    void thePeriodFollowsTheRangeAndCloudWatchsRetention() {
        assertThat(period(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(1));
        assertThat(period(Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(1));
        assertThat(period(Duration.ofHours(12))).isEqualTo(Duration.ofMinutes(5));
        assertThat(period(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(5));
        assertThat(period(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
        // an hour 20 days ago: 1-minute data is gone from CloudWatch (15 days), 5-minute data is kept
        Instant old = NOW.minus(Duration.ofDays(20));
        assertThat(MetricPeriods.forRange(old, old.plus(Duration.ofHours(1)), NOW)).isEqualTo(Duration.ofMinutes(5));
        Instant older = NOW.minus(Duration.ofDays(70));
        assertThat(MetricPeriods.forRange(older, older.plus(Duration.ofHours(1)), NOW)).isEqualTo(Duration.ofHours(1));

        MetricQuery hour = MonitoringRequest.last(TimeRange.LAST_HOUR, "blue").resolve("ep", NOW);
        assertThat(hour.from()).isEqualTo(Instant.parse("2026-11-29T11:34:00Z"));
        assertThat(hour.to()).isEqualTo(Instant.parse("2026-11-29T12:35:00Z"));
        assertThat(hour.variant()).isEqualTo("blue");
        assertThat(MonitoringRequest.last(TimeRange.LAST_HOUR, "blue").resolve("ep", NOW.plusSeconds(3)))
                .as("pages asking within the same minute share the query").isEqualTo(hour);
        assertThatThrownBy(() -> new MonitoringRequest(TimeRange.CUSTOM, NOW, NOW.minusSeconds(1), null))
                .hasMessage("The start of the range must be before its end.");
        assertThatThrownBy(() -> new MonitoringRequest(TimeRange.CUSTOM, NOW.minus(Duration.ofDays(500)), NOW, null))
                .hasMessageContaining("at most 455 days");
    }

    @Test
    void consecutiveMinutesAboveTheThresholdAreOneViolationWithItsPeakAndVersion() {
        Instant m = Instant.parse("2026-11-29T10:00:00Z");
        List<MetricsResult.MinuteLatency> minutes = List.of(
                minute(m, 900), minute(m.plusSeconds(60), 1200), minute(m.plusSeconds(120), 1800),
                minute(m.plusSeconds(180), 1000), // exactly the threshold: not above
                minute(m.plusSeconds(300), 1100)); // after a minute without traffic: a new violation
        ServedModel v3 = new ServedModel("model-v3", 3, "file:/m3.tflite", null);
        ServedModel v4 = new ServedModel("model-v4", 4, "file:/m4.tflite", null);
        DeploymentTimeline history = new DeploymentTimeline(List.of(deployment("d1", Deployment.Kind.DEPLOY, v3, v4,
                m.plusSeconds(190), m.plusSeconds(200), Deployment.Outcome.SUCCEEDED, null)), v4);
        List<Violation> violations = Violations.find(minutes, Duration.ofMinutes(1), 1000, history);
        assertThat(violations).containsExactly(
                new Violation(m.plusSeconds(60), m.plusSeconds(180), 1800, 1000, "version 3", 3),
                new Violation(m.plusSeconds(300), m.plusSeconds(360), 1100, 1000, "version 4", 4));
        assertThat(history.versionAt(m.plusSeconds(195))).as("mid-deployment: either fleet may serve").isNull();
    }

    @Test
    void theRollbackAlarmRuleIsCloudWatchsOverTheRecordedMinutes() {
        RollbackAlarm latency = RollbackAlarm.define("ep", 1.0, 0.05, 60).get(0);
        RollbackAlarm errors = RollbackAlarm.define("ep", 1.0, 0.05, 60).get(1);
        Instant current = MetricPeriods.floor(NOW, MetricPeriods.MINUTE);
        Instant previous = current.minus(Duration.ofMinutes(1));

        assertThat(AlarmRule.evaluate(latency, result(Map.of()), NOW)).isEqualTo(RollbackAlarm.State.INSUFFICIENT_DATA);
        assertThat(AlarmRule.evaluate(latency, result(Map.of(MetricSeries.MODEL_LATENCY_AVERAGE,
                List.of(new MetricPoint(previous, 1500.0)))), NOW)).isEqualTo(RollbackAlarm.State.ALARM);
        assertThat(AlarmRule.evaluate(latency, result(Map.of(MetricSeries.MODEL_LATENCY_AVERAGE,
                List.of(new MetricPoint(previous, 1500.0), new MetricPoint(current, 20.0)))), NOW))
                .as("the newest minute with data decides").isEqualTo(RollbackAlarm.State.OK);
        assertThat(AlarmRule.evaluate(latency, result(Map.of(MetricSeries.MODEL_LATENCY_AVERAGE,
                List.of(new MetricPoint(previous.minus(Duration.ofMinutes(1)), 1500.0)))), NOW))
                .as("older than the evaluation window").isEqualTo(RollbackAlarm.State.INSUFFICIENT_DATA);
        assertThat(AlarmRule.evaluate(errors, result(Map.of(
                MetricSeries.INVOCATIONS, List.of(new MetricPoint(previous, 100.0)),
                MetricSeries.ERRORS_5XX, List.of(new MetricPoint(previous, 6.0)))), NOW))
                .isEqualTo(RollbackAlarm.State.ALARM);
        assertThat(AlarmRule.evaluate(errors, result(Map.of(
                MetricSeries.INVOCATIONS, List.of(new MetricPoint(previous, 100.0)),
                MetricSeries.ERRORS_5XX, List.of(new MetricPoint(previous, 5.0)))), NOW))
                .isEqualTo(RollbackAlarm.State.OK);
    }

    @Test
    void deploysRollbacksAndAutoRollbacksAreMarkersAndTellWhichVersionServed() {
        ServedModel v3 = new ServedModel("model-v3", 3, "file:/m3.tflite", null);
        ServedModel v4 = new ServedModel("model-v4", 4, "file:/m4.tflite", null);
        ServedModel v5 = new ServedModel("model-v5", 5, "file:/m5.tflite", null);
        Instant t = Instant.parse("2026-11-29T10:00:00Z");
        Deployment deploy = deployment("d1", Deployment.Kind.DEPLOY, v3, v4, t, t.plusSeconds(600),
                Deployment.Outcome.ROLLED_BACK_BY_PERSON, null);
        Deployment rollback = deployment("d2", Deployment.Kind.ROLLBACK, v4, v3, t.plusSeconds(1200),
                t.plusSeconds(1300), Deployment.Outcome.SUCCEEDED, null);
        Deployment auto = deployment("d3", Deployment.Kind.DEPLOY, v3, v5, t.plusSeconds(2000), t.plusSeconds(2300),
                Deployment.Outcome.ROLLED_BACK_AUTOMATICALLY, "poseops-ep-latency");
        DeploymentTimeline timeline = new DeploymentTimeline(List.of(auto, rollback, deploy), v3);

        assertThat(timeline.markers(t.minusSeconds(60), t.plusSeconds(3600))).extracting(DeploymentMarker::label)
                .containsExactly("Deploy version 3 → version 4", "Rollback version 4 → version 3",
                        "Deploy version 3 → version 5", "Auto-rollback version 5 → version 3 (poseops-ep-latency)");
        assertThat(timeline.markers(t.plusSeconds(1), t.plusSeconds(1250))).extracting(DeploymentMarker::kind)
                .containsExactly(DeploymentMarker.Kind.ROLLBACK);
        assertThat(timeline.servedAt(t.minusSeconds(1))).isEqualTo("version 3");
        assertThat(timeline.servedAt(t.plusSeconds(300))).isEqualTo("version 3 → version 4 (deploying)");
        assertThat(timeline.servedAt(t.plusSeconds(900))).isEqualTo("version 4");
        assertThat(timeline.servedAt(t.plusSeconds(1500))).isEqualTo("version 3");
        assertThat(timeline.servedAt(t.plusSeconds(2400))).as("after the auto-rollback").isEqualTo("version 3");
    }

    private static Deployment deployment(String id, Deployment.Kind kind, ServedModel from, ServedModel to,
            Instant started, Instant ended, Deployment.Outcome outcome, String detail) {
        return new Deployment(id, "ep", kind, from, to, "config-" + from.version(), "config-" + to.version(),
                DeploymentPolicy.defaults(), List.of(), "dana", started, ended, outcome, detail);
    }

    private static MetricsResult result(Map<MetricSeries, List<MetricPoint>> series) {
        MetricQuery query = new MetricQuery("ep", NOW.minus(Duration.ofMinutes(15)), NOW.plusSeconds(4),
                Duration.ofMinutes(1), null);
        return new MetricsResult(query, new EnumMap<>(series.isEmpty() ? Map.of(MetricSeries.INVOCATIONS, List.of())
                : series), List.of(), List.of(), NOW);
    }

    private static MetricsResult.MinuteLatency minute(Instant at, double millis) {
        return new MetricsResult.MinuteLatency(at, millis, 10);
    }

    private static Duration period(Duration length) {
        return MetricPeriods.forRange(NOW.minus(length), NOW, NOW);
    }
}
