package com.poseops.platform.security;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import org.springframework.security.access.AccessDeniedException;

/**
 * The server-side role check of every mutating action. A refusal is written to the audit log before it is
 * thrown, so that an attempt by a role that may not act is visible even when the UI never offered the button.
 */
public class Authorization {

    private final AuditLog auditLog;

    public Authorization(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** Returns the acting user if they hold {@code role}; otherwise audits the refusal and throws. */
    public CurrentUser require(Role role, String action, String target) {
        CurrentUser user = CurrentUser.get();
        if (!user.has(role)) {
            auditLog.record(user.username(), action, target, Outcome.DENIED, "requires role " + role);
            throw new AccessDeniedException("Only a " + role + " may do this (" + action + " on " + target
                    + "); you are signed in as " + user.username() + ". Ask an administrator for the role.");
        }
        return user;
    }
}
