package com.poseops.registry;

import java.util.Objects;

/**
 * A person's verdict on a pending model version.
 *
 * @param outcome   {@link ApprovalStatus#APPROVED} or {@link ApprovalStatus#REJECTED}
 * @param decidedBy the PoseOps user who decides
 * @param comment   why; may be empty; stores may shorten it (SageMaker keeps 1024 characters with the user name)
 */
public record Decision(ApprovalStatus outcome, String decidedBy, String comment) {

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(comment, "comment");
        if (!outcome.isDecided()) {
            throw new IllegalArgumentException("A decision approves or rejects; PENDING is not a decision");
        }
        if (decidedBy == null || decidedBy.isBlank()) {
            throw new IllegalArgumentException("decidedBy must name the user who decides");
        }
    }

    public static Decision approve(String decidedBy, String comment) {
        return new Decision(ApprovalStatus.APPROVED, decidedBy, comment);
    }

    public static Decision reject(String decidedBy, String comment) {
        return new Decision(ApprovalStatus.REJECTED, decidedBy, comment);
    }

    /** How the decision reads in a registry's approval description: {@code approved by alice: looks good}. */
    public String summary() {
        String verb = outcome == ApprovalStatus.APPROVED ? "approved" : "rejected";
        String reason = comment.strip();
        return verb + " by " + decidedBy.strip() + (reason.isEmpty() ? "" : ": " + reason);
    }
}
