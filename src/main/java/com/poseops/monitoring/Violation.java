package com.poseops.monitoring;

import java.time.Instant;

/**
 * Consecutive minutes whose average model latency was above {@code ModelMonitoring.threshold}.
 *
 * @param end         the end of the last violating minute
 * @param peakMillis  the highest minute average within it
 * @param servedBy    which version served meanwhile ("version 4", "version 3 → version 4 (deploying)")
 */
public record Violation(Instant start, Instant end, double peakMillis, double thresholdMillis, String servedBy) {
}
