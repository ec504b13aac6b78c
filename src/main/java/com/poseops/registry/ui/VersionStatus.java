package com.poseops.registry.ui;

import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.poseops.registry.ApprovalStatus;
import java.util.Locale;

/** How a version's approval status looks wherever the console shows it: the one mapping from status to word and tone. */
final class VersionStatus {

    private VersionStatus() {
    }

    static StatusBadge badge(ApprovalStatus status) {
        StatusBadge badge = StatusBadge.of(label(status), tone(status));
        badge.addClassName("status-" + status.name().toLowerCase(Locale.ROOT));
        badge.getElement().setAttribute("data-status", status.name());
        return badge;
    }

    static String label(ApprovalStatus status) {
        return switch (status) {
            case PENDING -> "Pending";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
        };
    }

    static Tone tone(ApprovalStatus status) {
        return switch (status) {
            case PENDING -> Tone.WARNING;
            case APPROVED -> Tone.SUCCESS;
            case REJECTED -> Tone.ERROR;
        };
    }
}
