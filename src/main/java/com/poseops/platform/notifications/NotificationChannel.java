package com.poseops.platform.notifications;

/** Where notifications go beyond the console: the webhook (local mode) or the SNS topic (aws mode). */
public interface NotificationChannel extends AutoCloseable {

    /** How the notification centre names it, e.g. {@code webhook}. */
    String name();

    /** Null when this channel sends {@code notification}; else why not (shown beside it). */
    default @org.jspecify.annotations.Nullable String whyNotSent(Notification notification) {
        return null;
    }

    /**
     * Sends one notification, retrying as the channel sees fit, and says how it went. Blocks (it runs on the
     * notification centre's delivery thread, never on the thread of the action that caused it) and never throws.
     */
    Delivery deliver(Notification notification);

    @Override
    default void close() {
    }
}
