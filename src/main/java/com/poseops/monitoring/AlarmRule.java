package com.poseops.monitoring;

import com.poseops.endpoints.RollbackAlarm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * local mode: the rollback alarms' rule ({@link RollbackAlarm}, the definition CloudWatch gets in aws mode) applied to
 * PoseOps' own per-period numbers. Like a CloudWatch alarm with missing data treated as missing: the newest
 * {@code evaluationPeriods} periods that have data, among the last {@code evaluationPeriods + 1} (so that the period
 * that has just begun, with no request yet, does not make the state flicker); none with data → INSUFFICIENT_DATA;
 * at least {@code datapointsToAlarm} above the threshold → ALARM; else OK.
 */
public final class AlarmRule {

    private AlarmRule() {
    }

    /**
     * @param recent numbers at the alarm's period covering at least the last {@code evaluationPeriods + 1} periods
     *               (INVOCATIONS, ERRORS_5XX and MODEL_LATENCY_AVERAGE are used)
     */
    public static RollbackAlarm.State evaluate(RollbackAlarm alarm, MetricsResult recent, Instant now) {
        Duration period = Duration.ofSeconds(alarm.periodSeconds());
        Instant windowStart = MetricPeriods.floor(now, period).minus(period.multipliedBy(alarm.evaluationPeriods()));
        TreeMap<Instant, Double> values = new TreeMap<>();
        switch (alarm.kind()) {
            case LATENCY -> {
                for (MetricPoint p : recent.points(MetricSeries.MODEL_LATENCY_AVERAGE)) {
                    values.put(p.start(), p.value() * 1000.0); // ms → µs, the alarm's unit
                }
            }
            case ERROR_RATE -> {
                Map<Instant, Double> errors = new TreeMap<>();
                recent.points(MetricSeries.ERRORS_5XX).forEach(p -> errors.put(p.start(), p.value()));
                for (MetricPoint p : recent.points(MetricSeries.INVOCATIONS)) {
                    if (p.value() > 0) {
                        values.put(p.start(), errors.getOrDefault(p.start(), 0.0) / p.value());
                    }
                }
            }
        }
        List<Double> evaluated = new ArrayList<>(values.subMap(windowStart, true, now, true).descendingMap().values());
        if (evaluated.isEmpty()) {
            return RollbackAlarm.State.INSUFFICIENT_DATA;
        }
        long breaching = evaluated.stream().limit(alarm.evaluationPeriods()).filter(v -> v > alarm.threshold()).count();
        return breaching >= alarm.datapointsToAlarm() ? RollbackAlarm.State.ALARM : RollbackAlarm.State.OK;
    }
}
