package com.poseops.inference;

/**
 * The image cannot be used: wrong format, too large, truncated, corrupt. The message is written for a person (it says
 * what is wrong and what to do); {@link #code()} tells a program which case it is.
 */
public final class ImageRejectedException extends Exception {

    private final ErrorCode code;

    public ImageRejectedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ImageRejectedException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
