package com.poseops.platform.process;

import java.util.Map;
import java.util.Set;

/**
 * The environment a child process inherits: only what a JVM needs to run (PATH, HOME, locale, time zone, temp dir),
 * plus variables with the prefixes the child documents (e.g. {@code INFERENCE_}) — never the console's own secrets
 * such as {@code POSEOPS_ADMIN_PASSWORD} or AWS credentials, which would be readable in /proc/&lt;pid&gt;/environ.
 */
public final class ChildEnvironment {

    private static final Set<String> KEPT = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ",
            "TMPDIR");

    private ChildEnvironment() {
    }

    /** Removes every variable but the kept ones from a {@link ProcessBuilder#environment()}. */
    public static void restrict(Map<String, String> environment, String... passThroughPrefixes) {
        environment.keySet().removeIf(name -> !kept(name, passThroughPrefixes));
    }

    static boolean kept(String name, String... passThroughPrefixes) {
        if (KEPT.contains(name) || name.startsWith("LC_")) {
            return true;
        }
        for (String prefix : passThroughPrefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
