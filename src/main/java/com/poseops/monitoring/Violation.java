package com.poseops.monitoring;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Consecutive minutes whose average model latency was above {@code ModelMonitoring.threshold}.
 *
 * @param end         the end of the last violating minute
 * @param peakMillis  the highest minute average within it
 * @param servedBy    which version served meanwhile ("version 4", "version 3 → version 4 (deploying)")
 * @param servingVersion the registry version that served at its start; null when unknown or mid-deployment
 */
public record Violation(Instant start, Instant end, double peakMillis, double thresholdMillis, String servedBy,
        @Nullable Integer servingVersion) {
}
