package com.poseops.platform.notifications;

import com.poseops.platform.persistence.SortableInstant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One notification as people see it: a title, a few lines, where to look in the console, and whether it reached the
 * channel beyond the console (webhook or SNS topic).
 *
 * @param path    the console page to open, e.g. {@code models}; null when there is none
 * @param details the event's facts for machines (webhook JSON), e.g. approver, comment, metrics
 */
public record Notification(String id, Instant at, Kind kind, Severity severity, String title, List<String> lines,
        @Nullable String path, Map<String, Object> details, Delivery delivery) {

    public enum Kind {
        TRAINING_ENDED, VERSION_AWAITING_APPROVAL, VERSION_DECIDED, DEPLOYMENT_ENDED, LATENCY_VIOLATION
    }

    public enum Severity {
        INFO, SUCCESS, WARNING, ERROR
    }

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        lines = List.copyOf(lines);
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /** The key that orders notifications (newest last) and marks how far a person has read. */
    public String sortKey() {
        return SortableInstant.key(at, id);
    }

    public Notification withDelivery(Delivery next) {
        return new Notification(id, at, kind, severity, title, lines, path, details, next);
    }

    /** The title and the lines as one text (e-mail body, webhook "text"). */
    public String text() {
        return lines.isEmpty() ? title : title + "\n" + String.join("\n", lines);
    }
}
