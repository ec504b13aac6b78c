package com.poseops.registry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** A version was approved or rejected before; a decision is final and is not overwritten. */
public class VersionAlreadyDecidedException extends RuntimeException {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final int version;
    private final ApprovalStatus status;
    private final @Nullable String approvalDescription;
    private final @Nullable String decidedBy;
    private final @Nullable Instant decidedAt;

    public VersionAlreadyDecidedException(int version, ApprovalStatus status, @Nullable String approvalDescription) {
        super("Version " + version + " was already " + status.name().toLowerCase(java.util.Locale.ROOT)
                + (approvalDescription == null || approvalDescription.isBlank() ? "" : " (" + approvalDescription + ")")
                + "; a decision cannot be changed. Register a new version to review it again.");
        this.version = version;
        this.status = status;
        this.approvalDescription = approvalDescription;
        this.decidedBy = null;
        this.decidedAt = null;
    }

    /** The version was decided by a person whose decision record is known: "already approved by alice at …". */
    public VersionAlreadyDecidedException(int version, ApprovalStatus status, String decidedBy, Instant decidedAt,
            @Nullable String approvalDescription) {
        super("Version " + version + " was already decided: " + status.name().toLowerCase(java.util.Locale.ROOT)
                + " by " + decidedBy + " at " + TIME.format(decidedAt)
                + "; a decision cannot be changed. Register a new version to review it again.");
        this.version = version;
        this.status = status;
        this.approvalDescription = approvalDescription;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
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

    public @Nullable String decidedBy() {
        return decidedBy;
    }

    public @Nullable Instant decidedAt() {
        return decidedAt;
    }
}
