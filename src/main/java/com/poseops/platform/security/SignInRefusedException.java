package com.poseops.platform.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused before its password was checked: too many failures (wait or locked), or the database is not
 * there to record it. The message is for the sign-in page and says what to do; it is the same whether or not the
 * account exists.
 */
public class SignInRefusedException extends AuthenticationException {

    public enum Reason {
        /** Too many recent failures: wait a few seconds. */
        THROTTLED,
        /** Locked for a while after repeated failures, or until an administrator lifts the lock. */
        LOCKED,
        /** The database is restarting (or down), so nothing could be recorded. */
        DATABASE_UNAVAILABLE,
        /** The form carried no valid CSRF token: it expired, or was posted from another site. */
        FORM_EXPIRED
    }

    private final Reason reason;

    public SignInRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
