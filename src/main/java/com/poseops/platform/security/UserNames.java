package com.poseops.platform.security;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a user name may look like, in one place: the accounts of config.yml ({@code Security.users}) are validated
 * against it at start, and a sign-in with a name outside it is refused before the name reaches the password check,
 * the audit log or the log file (nobody can have such an account, so nothing is lost by refusing it).
 */
public final class UserNames {

    /** 1–64 letters, digits or {@code . _ @ -}; the rule of config.yml's {@code Security.users[].username}. */
    public static final String PATTERN = "[a-zA-Z0-9._@-]{1,64}";
    public static final String RULE = "must be 1-64 letters, digits or . _ @ -";
    /** The actor written to the audit log for a sign-in with a name that breaks the rule. */
    public static final String REFUSED_ACTOR = "(invalid user name)";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private UserNames() {
    }

    public static boolean isValid(@Nullable String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /**
     * A bounded description of a refused name for the audit comment: its length and what is wrong, never the name
     * itself (it may be 500 KB long or carry CR/LF).
     */
    public static String describeRefused(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return "empty user name";
        }
        long controls = name.chars().filter(Character::isISOControl).count();
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT, "user name of %,d characters", name.length()));
        if (controls > 0) {
            why.append(String.format(Locale.ROOT, " with %,d control character%s", controls, controls == 1 ? "" : "s"));
        } else if (name.length() <= 64) {
            why.append(" with characters other than letters, digits and . _ @ -");
        }
        return why.append(" refused before the password check").toString();
    }
}
