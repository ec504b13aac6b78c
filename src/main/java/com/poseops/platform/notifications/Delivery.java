package com.poseops.platform.notifications;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether a notification reached the channel beyond the console.
 *
 * @param channel  e.g. {@code webhook} or {@code SNS topic}; empty for {@link State#NOT_SENT}
 * @param attempts how many times it was tried
 * @param detail   what went wrong (FAILED), or why it is not sent (NOT_SENT); else null
 */
public record Delivery(State state, String channel, int attempts, @Nullable String detail, @Nullable Instant at) {

    public enum State {
        /** No channel is configured, or this kind is sent by AWS itself (SageMaker's own events in aws mode). */
        NOT_SENT,
        PENDING,
        DELIVERED,
        FAILED
    }

    public static Delivery notSent(String why) {
        return new Delivery(State.NOT_SENT, "", 0, why, null);
    }

    public static Delivery pending(String channel) {
        return new Delivery(State.PENDING, channel, 0, null, null);
    }

    public static Delivery delivered(String channel, int attempts, Instant at) {
        return new Delivery(State.DELIVERED, channel, attempts, null, at);
    }

    public static Delivery failed(String channel, int attempts, String detail, Instant at) {
        return new Delivery(State.FAILED, channel, attempts, detail, at);
    }

    /** What the notification centre says about it. */
    public String describe() {
        return switch (state) {
            case NOT_SENT -> detail == null ? "Shown here only." : detail;
            case PENDING -> "Sending to the " + channel + "…";
            case DELIVERED -> "Sent to the " + channel + (attempts > 1 ? " (after " + attempts + " attempts)." : ".");
            case FAILED -> "Not sent to the " + channel + " (" + attempts + (attempts == 1 ? " attempt" : " attempts")
                    + "): " + detail;
        };
    }
}
