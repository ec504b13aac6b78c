package com.poseops.platform.audit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which audit entries to show; a null or blank criterion matches everything. */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String target) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null);

    boolean matches(AuditEntry entry) {
        return contains(entry.actor(), actor) && contains(entry.action(), action) && contains(entry.target(), target);
    }

    private static boolean contains(String value, @Nullable String wanted) {
        return wanted == null || wanted.isBlank()
                || value.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT));
    }
}
