package com.poseops.platform.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's average inference time exceeded {@code ModelMonitoring.threshold}. Published by
 * {@code monitoring}'s refresher once per new violation (when it starts; again only after it has ended).
 *
 * @param endpointName   the endpoint
 * @param variant        the variant, or null for the whole endpoint
 * @param servingVersion the model version serving during the violation, when known
 * @param start          the first minute above the threshold
 * @param peakSeconds    the highest per-minute average seen so far, in seconds
 * @param thresholdSeconds {@code ModelMonitoring.threshold}
 */
public record LatencyViolation(String endpointName, @Nullable String variant, @Nullable Integer servingVersion,
        Instant start, double peakSeconds, double thresholdSeconds, Instant at) implements PoseOpsEvent {
}
