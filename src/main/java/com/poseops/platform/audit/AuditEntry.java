package com.poseops.platform.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit log.
 *
 * @param actor   the signed-in user name (for a failed sign-in: the name that was tried)
 * @param action  what was attempted, e.g. {@code sign-in}, {@code model.approve}
 * @param target  what it was done to, e.g. {@code console}, {@code model-version/3}
 * @param comment the person's own words, or a reason given by the system
 */
public record AuditEntry(String id, Instant at, String actor, String action, String target, Outcome outcome,
        @Nullable String comment) {

    public enum Outcome {
        SUCCESS, FAILURE, DENIED
    }
}
