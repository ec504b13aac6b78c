package com.poseops.platform.security;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Writes every sign-in and failed sign-in to the audit log. */
@Component
class SignInAuditor {

    static final String ACTION = "sign-in";
    static final String TARGET = "console";

    private final AuditLog auditLog;

    SignInAuditor(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        auditLog.record(event.getAuthentication().getName(), ACTION, TARGET, Outcome.SUCCESS, null);
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String tried = event.getAuthentication().getName();
        auditLog.record(tried == null || tried.isBlank() ? "(empty user name)" : tried, ACTION, TARGET,
                Outcome.FAILURE, event.getException().getMessage());
    }
}
