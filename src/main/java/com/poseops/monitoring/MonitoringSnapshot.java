package com.poseops.monitoring;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a Monitoring page shows at one refresh.
 *
 * @param metrics          the numbers; null when they could not be had ({@code problem} says why) or there is no
 *                         endpoint to measure
 * @param problem          why there are no numbers ("CloudWatch could not be reached … — …"), for the page
 * @param noEndpoint       nothing has been deployed yet (the empty state says so)
 * @param thresholdMillis  {@code ModelMonitoring.threshold} in milliseconds
 * @param droppedSamples   local mode: requests not recorded because the recording queue was full (since start)
 * @param droppedCaptures  local mode: captures not written because the capture queue was full (since start)
 */
public record MonitoringSnapshot(MonitoringRequest request, MetricQuery query, @Nullable MetricsResult metrics,
        @Nullable String problem, boolean noEndpoint, double thresholdMillis, List<Violation> violations,
        List<DeploymentMarker> markers, List<AlarmStatus> alarms, String source, long droppedSamples,
        long droppedCaptures, Instant takenAt) {

    public MonitoringSnapshot {
        violations = List.copyOf(violations);
        markers = List.copyOf(markers);
        alarms = List.copyOf(alarms);
    }
}
