package com.poseops.registry;

import org.jspecify.annotations.Nullable;

/** A version was approved or rejected before; a decision is final and is not overwritten. */
public class VersionAlreadyDecidedException extends RuntimeException {

    private final int version;
    private final ApprovalStatus status;
    private final @Nullable String approvalDescription;

    public VersionAlreadyDecidedException(int version, ApprovalStatus status, @Nullable String approvalDescription) {
        super("Version " + version + " was already " + status.name().toLowerCase(java.util.Locale.ROOT)
                + (approvalDescription == null || approvalDescription.isBlank() ? "" : " (" + approvalDescription + ")")
                + "; a decision cannot be changed. Register a new version to review it again.");
        this.version = version;
        this.status = status;
        this.approvalDescription = approvalDescription;
    }

    public int version() {
        return version;
    }

    public ApprovalStatus status() {
        return status;
    }

    public @Nullable String approvalDescription() {
        return approvalDescription;
    }
}
