package com.poseops.platform.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width UTC strings ({@code 2026-11-23T07:15:30.123456789Z}), so that DynamoDB sort keys that start
 * with one order like the instants (ISO-8601's variable fraction does not: "…30Z" sorts after "…30.5Z").
 */
public final class SortableInstant {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SortableInstant() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static Instant parse(String text) {
        return FORMAT.parse(text, Instant::from);
    }

    /** A sort key {@code <instant>#<id>}. */
    public static String key(Instant instant, String id) {
        return format(instant) + "#" + id;
    }

    public static Instant instantOf(String key) {
        int separator = key.indexOf('#');
        return parse(separator < 0 ? key : key.substring(0, separator));
    }

    public static String idOf(String key) {
        int separator = key.indexOf('#');
        return separator < 0 ? key : key.substring(separator + 1);
    }
}
