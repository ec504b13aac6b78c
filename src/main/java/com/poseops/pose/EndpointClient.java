package com.poseops.pose;

import java.util.Set;

/**
 * Sends one image to the endpoint that serves the pose model and returns its prediction. aws mode: SageMaker Runtime
 * InvokeEndpoint on {@code EndpointConfig.endpointName}; local mode: the local endpoint's {@code /invocations}.
 */
public interface EndpointClient {

    /** The content types an endpoint accepts. */
    Set<String> SUPPORTED_CONTENT_TYPES = Set.of("image/jpeg", "image/png");

    /** SageMaker's limit on an InvokeEndpoint request body; local endpoints keep the same limit. */
    int MAX_IMAGE_BYTES = 6 * 1024 * 1024;

    /**
     * @param image       the encoded image, at most {@link #MAX_IMAGE_BYTES}
     * @param contentType {@code image/jpeg} or {@code image/png}
     * @throws EndpointException with a {@link EndpointException.Reason} and a message a person can act on, for every
     *                           failure (nothing deployed, bad image, overload, timeout, malformed answer …)
     */
    EndpointPrediction invoke(byte[] image, String contentType);
}
