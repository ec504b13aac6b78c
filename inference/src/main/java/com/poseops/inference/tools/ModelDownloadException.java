package com.poseops.inference.tools;

import org.jspecify.annotations.Nullable;

/** A model could not be downloaded or is not a usable MoveNet model; the message says what to do. */
public class ModelDownloadException extends Exception {

    public ModelDownloadException(String message) {
        super(message);
    }

    public ModelDownloadException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
