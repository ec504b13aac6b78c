package com.poseops.endpoints;

import java.util.Locale;

/** A rollback alarm in words, for pages and history details: "Average model latency above 1.0 s over 60 s". */
public final class RollbackAlarmText {

    private RollbackAlarmText() {
    }

    public static String describe(RollbackAlarm alarm) {
        return alarm.kind().label() + " above " + threshold(alarm) + " over " + alarm.periodSeconds() + " s";
    }

    /** The threshold in the unit a person thinks in: seconds for latency (stored in µs), percent for errors. */
    public static String threshold(RollbackAlarm alarm) {
        return switch (alarm.kind()) {
            case LATENCY -> String.format(Locale.ROOT, "%s s", trim(alarm.threshold() / 1_000_000d));
            case ERROR_RATE -> String.format(Locale.ROOT, "%s %%", trim(alarm.threshold() * 100));
        };
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "");
        return text.endsWith(".") ? text + "0" : text;
    }
}
