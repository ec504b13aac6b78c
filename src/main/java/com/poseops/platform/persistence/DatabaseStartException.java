package com.poseops.platform.persistence;

/**
 * The database could not be started; the message says what happened (naming the file or log to look at) and
 * {@link #action()} what to do. Reported at start as one line (see {@code StartFailureAnalyzer}).
 */
public class DatabaseStartException extends RuntimeException {

    private final String action;

    public DatabaseStartException(String message, String action) {
        super(message);
        this.action = action;
    }

    public DatabaseStartException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
