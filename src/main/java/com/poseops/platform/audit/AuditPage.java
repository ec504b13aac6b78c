package com.poseops.platform.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the audit log, newest first.
 *
 * @param entries  the matching entries of this page
 * @param older    where the next (older) page starts; null when nothing older is stored
 * @param examined how many stored entries were read for this page (a filter that matches little stops early, after
 *                 {@link AuditLog#MAX_EXAMINED}, and says so rather than reading the whole table)
 */
public record AuditPage(List<AuditEntry> entries, @Nullable String older, int examined) {
}
