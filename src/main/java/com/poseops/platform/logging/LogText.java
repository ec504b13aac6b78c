package com.poseops.platform.logging;

/** Text made safe for one log line: CR, LF, other control characters and line separators become escapes. */
public final class LogText {

    private LogText() {
    }

    public static String singleLine(String text) {
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> safe.append("\\r");
                case '\n' -> safe.append("\\n");
                default -> {
                    if (unsafe(c)) {
                        safe.append(String.format("\\u%04x", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        return safe.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Control characters except tab (ANSI escapes included), and the Unicode line and paragraph separators. */
    private static boolean unsafe(char c) {
        return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029' || c == '\u0085';
    }
}
