package com.poseops.platform.audit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Which audit entries to show; a null or blank criterion matches everything. */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String target) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null);

    boolean matches(AuditEntry entry) {
        return contains(entry.actor(), actor) && contains(entry.action(), action) && contains(entry.target(), target);
    }

    /** True when every criterion is null or blank, so that every entry matches. */
    boolean matchesEverything() {
        return isBlank(actor) && isBlank(action) && isBlank(target);
    }

    private static boolean isBlank(@Nullable String criterion) {
        return criterion == null || criterion.isBlank();
    }

    private static boolean contains(String value, @Nullable String wanted) {
        return isBlank(wanted)
                || value.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT));
    }
}
