package com.poseops.endpoints;

import java.util.Set;

/**
 * Sends one request to the endpoint, as SageMaker Runtime's {@code InvokeEndpoint} does, and returns the answer as it
 * came. aws mode: SageMaker Runtime on {@code EndpointConfig.endpointName}; local mode: the local front door, which
 * speaks the same protocol. What the answer means (a pose prediction) is the caller's business; this port owns the
 * transport: limits, retries, timeouts and turning every failure into an {@link EndpointException} a person can act
 * on.
 */
public interface EndpointInvoker {

    /** The content types the PoseOps inference server accepts. */
    Set<String> SUPPORTED_CONTENT_TYPES = Set.of("image/jpeg", "image/png");

    /** SageMaker's limit on an InvokeEndpoint request body; the local front door keeps the same limit. */
    int MAX_BODY_BYTES = 6 * 1024 * 1024;

    /**
     * @param body        the encoded image, at most {@link #MAX_BODY_BYTES}
     * @param contentType {@code image/jpeg} or {@code image/png}
     * @return the 200 answer ({@code Accept: application/json})
     * @throws EndpointException with a {@link EndpointException.Reason} and a message a person can act on, for every
     *                           failure (nothing deployed, bad image, overload, timeout …)
     */
    Invocation invoke(byte[] body, String contentType);
}
