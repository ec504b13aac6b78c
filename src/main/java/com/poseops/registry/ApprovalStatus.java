package com.poseops.registry;

/** Where a model version stands in review. SageMaker spells them PendingManualApproval, Approved, Rejected. */
public enum ApprovalStatus {
    /** Registered and waiting for a person to approve or reject it. */
    PENDING,
    /** May be deployed. */
    APPROVED,
    /** Must not be deployed. */
    REJECTED;

    public boolean isDecided() {
        return this != PENDING;
    }
}
