package com.poseops.platform;

/** Text from outside (AWS error messages, a container's answer) made fit for a message on a page or in a log. */
public final class Text {

    private Text() {
    }

    /** One line (control and separator characters become spaces), at most {@code max} characters, ending in … if cut. */
    public static String printable(String text, int max) {
        String clean = text.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+", " ").strip();
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end) + "…";
    }
}
