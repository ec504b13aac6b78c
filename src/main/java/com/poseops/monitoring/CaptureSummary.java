package com.poseops.monitoring;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A captured request as the Monitoring page lists it.
 *
 * @param modelMillis the inference server's own time for it ({@code timingsMs.total} of the captured answer; SageMaker's
 *                    capture format has no latency field), null when the answer is not a prediction
 * @param keypoints   how many keypoints are drawn on the thumbnail (score ≥ 0.3), null without a prediction
 */
public record CaptureSummary(String id, Instant at, String variant, @Nullable Double modelMillis,
        @Nullable Integer keypoints) {
}
