package com.poseops.endpoints;

import org.jspecify.annotations.Nullable;

/**
 * The control plane could not be asked or did not do what was asked (AWS throttling, 5xx or timeouts after retries
 * with backoff; access denied; a local process that would not start). The message says what happened and what to do,
 * for the page; never a stale success.
 */
public class EndpointUnavailableException extends RuntimeException {

    public EndpointUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
