package com.poseops.platform.notifications;

import com.poseops.platform.events.PoseOpsEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * The console's one notification centre: receives every {@link PoseOpsEvent} (a Spring event listener that only
 * queues, so the publisher never waits and never fails because of it), stores the notification, tells every open
 * page (one fan-out per console, however many pages are open), then sends it to the channel (webhook or SNS topic) on
 * a thread of its own and shows how that went. Keeps the newest notifications in memory, so that pages read them
 * without a database call.
 */
public class NotificationCenter implements AutoCloseable {

    /** How many notifications the centre shows (and counts as unread, at most). */
    public static final int KEPT = 100;
    private static final int QUEUE_LIMIT = 1000;

    private static final Logger log = LoggerFactory.getLogger(NotificationCenter.class);

    private final NotificationStore store;
    private final @Nullable NotificationChannel channel;
    private final String notSentReason;
    private final Clock clock;
    private final ThreadPoolExecutor intake = singleThread("notifications");
    private final ThreadPoolExecutor delivery = singleThread("notification-delivery");
    private final List<Notification> recent = new ArrayList<>(); // newest first; guarded by itself
    private final Map<String, String> readUpTo = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param channel       where notifications go beyond the console, or null
     * @param notSentReason what the centre shows when there is no channel, e.g. "No webhook is configured"
     */
    public NotificationCenter(NotificationStore store, @Nullable NotificationChannel channel, String notSentReason,
            Clock clock) {
        this.store = store;
        this.channel = channel;
        this.notSentReason = notSentReason;
        this.clock = clock;
        try {
            recent.addAll(store.newest(KEPT));
        } catch (RuntimeException e) {
            log.warn("Could not read the stored notifications; the notification centre starts empty: {}", e.getMessage());
        }
    }

    /** Spring calls this for every published event, on the publisher's thread: it only queues. */
    @EventListener
    public void on(PoseOpsEvent event) {
        try {
            Notification notification = NotificationTexts.of(event, UUID.randomUUID().toString());
            intake.execute(() -> accept(notification));
        } catch (RejectedExecutionException e) {
            log.warn("Notification dropped, {} are waiting already: {}", QUEUE_LIMIT, event);
        } catch (RuntimeException e) {
            log.warn("Could not make a notification of {}: {}", event, e.getMessage(), e);
        }
    }

    /** The newest notifications, newest first. */
    public List<Notification> recent(int limit) {
        synchronized (recent) {
            return List.copyOf(recent.subList(0, Math.min(limit, recent.size())));
        }
    }

    /** How many of the kept notifications {@code username} has not seen. */
    public int unreadCount(String username) {
        String upTo = readUpTo(username);
        synchronized (recent) {
            return (int) recent.stream().filter(n -> upTo == null || n.sortKey().compareTo(upTo) > 0).count();
        }
    }

    /** Marks every notification shown so far as read for {@code username} (on every page they have open). */
    public void markAllRead(String username) {
        Optional<String> newest;
        synchronized (recent) {
            newest = recent.stream().findFirst().map(Notification::sortKey);
        }
        if (newest.isEmpty() || newest.get().equals(readUpTo.get(username))) {
            return;
        }
        readUpTo.put(username, newest.get());
        try {
            store.saveReadUpTo(username, newest.get());
        } catch (RuntimeException e) {
            log.warn("Could not store how far {} has read the notifications: {}", username, e.getMessage());
        }
        fire();
    }

    /**
     * Calls {@code listener} (on a background thread) after every change: a new notification, a delivery outcome,
     * someone reading. Views subscribe on attach and run the returned {@code Runnable} on detach.
     */
    public Runnable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Where notifications go beyond the console, e.g. {@code webhook}; empty when nowhere. */
    public Optional<String> channelName() {
        return Optional.ofNullable(channel).map(NotificationChannel::name);
    }

    private void accept(Notification created) {
        String skip = channel == null ? notSentReason : channel.whyNotSent(created);
        Notification notification = created.withDelivery(skip != null || channel == null
                ? Delivery.notSent(skip) : Delivery.pending(channel.name()));
        keep(notification);
        if (notification.delivery().state() == Delivery.State.PENDING) {
            try {
                delivery.execute(() -> deliver(notification));
            } catch (RejectedExecutionException e) {
                keep(notification.withDelivery(Delivery.failed(channel.name(), 0,
                        "too many notifications waiting to be sent", clock.instant())));
            }
        }
    }

    private void deliver(Notification notification) {
        NotificationChannel target = channel;
        if (target == null) {
            return;
        }
        Delivery outcome;
        try {
            outcome = target.deliver(notification);
        } catch (RuntimeException e) {
            outcome = Delivery.failed(target.name(), 1, String.valueOf(e.getMessage()), clock.instant());
        }
        if (outcome.state() == Delivery.State.FAILED) {
            log.warn("Notification \"{}\" was not sent to the {}: {}", notification.title(), target.name(),
                    outcome.detail());
        }
        keep(notification.withDelivery(outcome));
    }

    /** Stores, remembers and announces a new or changed notification. */
    private void keep(Notification notification) {
        try {
            store.save(notification);
        } catch (RuntimeException e) {
            log.warn("Could not store the notification \"{}\" (shown, but lost at the next restart): {}",
                    notification.title(), e.getMessage());
        }
        synchronized (recent) {
            recent.removeIf(n -> n.id().equals(notification.id()));
            recent.add(notification);
            recent.sort(Comparator.comparing(Notification::sortKey).reversed());
            while (recent.size() > KEPT) {
                recent.removeLast();
            }
        }
        fire();
    }

    private @Nullable String readUpTo(String username) {
        String known = readUpTo.get(username);
        if (known != null) {
            return known;
        }
        try {
            Optional<String> stored = store.readUpTo(username);
            stored.ifPresent(key -> readUpTo.put(username, key));
            return stored.orElse(null);
        } catch (RuntimeException e) {
            log.debug("Could not read how far {} has read: {}", username, e.getMessage());
            return null;
        }
    }

    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.debug("A notification listener failed: {}", e.getMessage());
            }
        }
    }

    private static ThreadPoolExecutor singleThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE_LIMIT),
                Thread.ofPlatform().name(name).daemon().factory());
    }

    @Override
    public void close() {
        intake.shutdown();
        delivery.shutdownNow();
        try {
            intake.awaitTermination(5, TimeUnit.SECONDS);
            delivery.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
