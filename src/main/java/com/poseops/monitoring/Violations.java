package com.poseops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The threshold rule of {@code ModelMonitoring.threshold}: a minute violates when its average model latency is above
 * the threshold (the rule the latency rollback alarm also applies); consecutive violating minutes are one violation.
 */
public final class Violations {

    private Violations() {
    }

    /**
     * @param minutes   per-minute averages, oldest first ({@link MetricsResult#minuteLatency()})
     * @param period    the length of one entry (a minute, or the chart's period for very old ranges)
     * @param history   which version served at an instant
     */
    public static List<Violation> find(List<MetricsResult.MinuteLatency> minutes, Duration period,
            double thresholdMillis, DeploymentTimeline history) {
        List<Violation> found = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        double peak = 0;
        for (MetricsResult.MinuteLatency minute : minutes) {
            if (!(minute.averageMillis() > thresholdMillis)) {
                continue;
            }
            if (start != null && minute.minute().equals(end)) {
                end = minute.minute().plus(period);
                peak = Math.max(peak, minute.averageMillis());
                continue;
            }
            if (start != null) {
                found.add(violation(start, end, peak, thresholdMillis, history));
            }
            start = minute.minute();
            end = start.plus(period);
            peak = minute.averageMillis();
        }
        if (start != null) {
            found.add(violation(start, end, peak, thresholdMillis, history));
        }
        return List.copyOf(found);
    }

    private static Violation violation(Instant start, Instant end, double peak, double thresholdMillis,
            DeploymentTimeline history) {
        return new Violation(start, end, peak, thresholdMillis, history.servedAt(start), history.versionAt(start));
    }
}
