package com.poseops.monitoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One request and its response as the endpoint's data capture kept them (SageMaker's format, in both modes).
 *
 * @param id        where it is kept ({@code <file or S3 key>#<line>}), to open it again
 * @param variant   the variant that answered (the capture's folder)
 */
public record CapturedRequest(String id, Instant at, String variant, String requestContentType, byte[] request,
        String responseContentType, byte[] response) {

    public CapturedRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(requestContentType, "requestContentType");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(responseContentType, "responseContentType");
        Objects.requireNonNull(response, "response");
    }
}
