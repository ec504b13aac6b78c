package com.poseops.pose;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pose prediction and where it came from.
 *
 * @param endpointName the endpoint that was invoked
 * @param variant      the production variant that answered (blue/green: which side), when the endpoint says
 * @param roundTrip    the time from sending the request to having the answer, as seen by PoseOps (network,
 *                     SageMaker overhead and the model's own {@link PoseResult.Timings#total()})
 */
public record EndpointPrediction(PoseResult result, String endpointName, @Nullable String variant, Duration roundTrip) {

    public EndpointPrediction {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(roundTrip, "roundTrip");
    }
}
