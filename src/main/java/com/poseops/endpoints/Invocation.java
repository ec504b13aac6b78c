package com.poseops.endpoints;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A successful InvokeEndpoint: the body as the model answered, and where it came from.
 *
 * @param variant   the production variant that answered ({@code x-Amzn-Invoked-Production-Variant}), when the
 *                  endpoint says
 * @param roundTrip from sending the request to having the answer, as seen by PoseOps
 */
public record Invocation(String endpointName, @Nullable String variant, byte[] body, Duration roundTrip) {

    public Invocation {
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(roundTrip, "roundTrip");
    }
}
