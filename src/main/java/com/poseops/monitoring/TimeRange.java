package com.poseops.monitoring;

import java.time.Duration;

/** The ranges a person picks on the Monitoring page; {@link #CUSTOM} takes a from and a to. */
public enum TimeRange {
    LAST_15_MINUTES("15 min", Duration.ofMinutes(15)),
    LAST_HOUR("1 h", Duration.ofHours(1)),
    LAST_3_HOURS("3 h", Duration.ofHours(3)),
    LAST_12_HOURS("12 h", Duration.ofHours(12)),
    LAST_24_HOURS("24 h", Duration.ofHours(24)),
    LAST_7_DAYS("7 d", Duration.ofDays(7)),
    CUSTOM("Custom", Duration.ZERO);

    private final String label;
    private final Duration length;

    TimeRange(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    /** How far back from now (zero for {@link #CUSTOM}). */
    public Duration length() {
        return length;
    }
}
