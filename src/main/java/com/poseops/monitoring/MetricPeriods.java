package com.poseops.monitoring;

import java.time.Duration;
import java.time.Instant;

/**
 * The period that fits a time range, in both modes, following CloudWatch's rules: 1-minute data up to 3 hours,
 * 5 minutes up to a day, an hour beyond (a week is 168 points per series). CloudWatch keeps 1-minute data for 15 days
 * and 5-minute data for 63 days, so a range that starts further back gets the coarser period its data still has.
 */
public final class MetricPeriods {

    public static final Duration MINUTE = Duration.ofMinutes(1);
    public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    public static final Duration HOUR = Duration.ofHours(1);
    /** CloudWatch keeps data points with a period of 60 s this long. */
    public static final Duration ONE_MINUTE_RETENTION = Duration.ofDays(15);
    /** CloudWatch keeps data points with a period of 300 s this long. */
    public static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(63);

    private MetricPeriods() {
    }

    public static Duration forRange(Instant from, Instant to, Instant now) {
        Duration length = Duration.between(from, to);
        Duration age = Duration.between(from, now);
        Duration period;
        if (length.compareTo(Duration.ofHours(3)) <= 0) {
            period = MINUTE;
        } else if (length.compareTo(Duration.ofHours(24)) <= 0) {
            period = FIVE_MINUTES;
        } else {
            period = HOUR;
        }
        if (age.compareTo(FIVE_MINUTE_RETENTION) > 0) {
            return HOUR;
        }
        if (age.compareTo(ONE_MINUTE_RETENTION) > 0 && period.equals(MINUTE)) {
            return FIVE_MINUTES;
        }
        return period;
    }

    /**
     * The period over which the threshold rule looks at average latency: a minute (as the rollback alarm does) while
     * 1-minute data exists for the whole range, else the chart's period.
     */
    public static Duration forViolations(Instant from, Instant now, Duration chartPeriod) {
        return Duration.between(from, now).compareTo(ONE_MINUTE_RETENTION) <= 0 ? MINUTE : chartPeriod;
    }

    /** {@code instant} rounded down to a whole period (periods count from the epoch, as CloudWatch's do). */
    public static Instant floor(Instant instant, Duration period) {
        long seconds = period.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }

    /** {@code instant} rounded up to a whole period. */
    public static Instant ceil(Instant instant, Duration period) {
        Instant floor = floor(instant, period);
        return floor.equals(instant) ? floor : floor.plus(period);
    }
}
