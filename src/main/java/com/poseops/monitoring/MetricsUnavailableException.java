package com.poseops.monitoring;

import org.jspecify.annotations.Nullable;

/** The metrics could not be read; the message says what happened and what to do (never a stack trace). */
public class MetricsUnavailableException extends RuntimeException {

    public MetricsUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
