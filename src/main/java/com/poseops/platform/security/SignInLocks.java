package com.poseops.platform.security;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import java.util.List;

/** The System page's view of sign-in throttling: which user names and addresses wait or are locked; lift a lock. */
public class SignInLocks {

    public static final String UNLOCK = "sign-in.unlock";

    private final SignInThrottle throttle;
    private final Authorization authorization;
    private final AuditLog auditLog;

    public SignInLocks(SignInThrottle throttle, Authorization authorization, AuditLog auditLog) {
        this.throttle = throttle;
        this.authorization = authorization;
        this.auditLog = auditLog;
    }

    /** ADMIN only: every user name and client address that waits or is locked now. */
    public List<SignInThrottle.Entry> current() {
        authorization.require(Role.ADMIN, "sign-in.locks", "console");
        return throttle.current();
    }

    /** ADMIN only, audited: lets the user name or address sign in again at once. */
    public void lift(SignInThrottle.Key key) {
        CurrentUser admin = authorization.require(Role.ADMIN, UNLOCK, key.target());
        boolean lifted = throttle.lift(key);
        auditLog.record(admin.username(), UNLOCK, key.target(), Outcome.SUCCESS,
                lifted ? "lock lifted" : "it was no longer waiting or locked");
    }
}
