package com.poseops.endpoints;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Told about every request the local front door routes (local mode only; in aws mode SageMaker measures and CloudWatch
 * keeps the numbers). The Monitoring feature records metrics and captures requests through this; the local control
 * plane's own alarm evaluation may use it too.
 * <p>
 * Called on the request's thread after the answer has been sent (so nothing an observer does delays the caller): an
 * observer must return at once (hand off to a bounded queue, drop and count when full) and never throw.
 */
@FunctionalInterface
public interface InvocationObserver {

    void observed(RoutedInvocation invocation);

    /**
     * One request through the front door, measured as SageMaker measures: {@code ModelLatency} is the variant's answer
     * time as the front door saw it, {@code OverheadLatency} the front door's own time around it.
     *
     * @param variantName        the variant that answered (null when none could: e.g. no endpoint, all fleets down)
     * @param statusCode         the HTTP status sent to the client (200, 4xx, 424 model error, 5xx)
     * @param requestBody        the body as received (observers must not modify it)
     * @param responseBody       the body as sent (observers must not modify it)
     */
    record RoutedInvocation(Instant at, String endpointName, @Nullable String variantName,
            @Nullable String endpointConfigName, int statusCode, long modelLatencyMicros, long overheadLatencyMicros,
            String requestContentType, byte[] requestBody, @Nullable String responseContentType, byte[] responseBody) {

        public RoutedInvocation {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(endpointName, "endpointName");
            Objects.requireNonNull(requestContentType, "requestContentType");
            Objects.requireNonNull(requestBody, "requestBody");
            Objects.requireNonNull(responseBody, "responseBody");
        }
    }
}
