package com.poseops.platform.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.poseops.platform.events.MetricLine;
import com.poseops.platform.events.VersionDecided;
import com.poseops.platform.notifications.local.WebhookNotificationChannel;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notification centre with DynamoDB Local (the shared test console's) and a real webhook: an event is stored, shown
 * to subscribers, delivered, and survives a restart; a failed delivery is shown; the publisher never waits.
 */
@PoseOpsSpringTest
class NotificationCenterTest {

    @Autowired
    DynamoDbTables tables;

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private NotificationCenter center(int attempts) {
        return new NotificationCenter(new NotificationStore(tables), new WebhookNotificationChannel(receiver.url(),
                attempts, Duration.ofMillis(20), Duration.ofSeconds(5), Clock.systemUTC()), "", Clock.systemUTC());
    }

    private static VersionDecided decision(String comment) {
        return new VersionDecided("hp-prediction-models", 7, false, "bob", comment,
                List.of(new MetricLine("Max error (px)", "30.00", "22.60", "worse")), "version 6 (model.tflite)",
                Instant.now());
    }

    @Test
    void anEventIsShownToSubscribersDeliveredAndStillThereAfterARestart() throws Exception {
        String comment = "too slow " + System.nanoTime();
        try (NotificationCenter center = center(3)) {
            AtomicInteger changes = new AtomicInteger();
            center.subscribe(changes::incrementAndGet);

            center.on(decision(comment));

            Notification shown = await().atMost(30, TimeUnit.SECONDS).until(
                    () -> center.recent(5).stream().filter(n -> n.lines().contains("Comment: " + comment)).findFirst()
                            .filter(n -> n.delivery().state() == Delivery.State.DELIVERED).orElse(null),
                    n -> n != null);
            assertThat(shown.title()).isEqualTo("Model version 7 rejected by bob");
            assertThat(changes).as("subscribers heard of the new notification and of its delivery").hasValueGreaterThan(1);
            assertThat(receiver.all()).anySatisfy(r -> assertThat(r.body()).contains(comment));
        }
        try (NotificationCenter restarted = new NotificationCenter(new NotificationStore(tables), null, "none",
                Clock.systemUTC())) {
            assertThat(restarted.recent(NotificationCenter.KEPT)).as("read back from DynamoDB")
                    .anySatisfy(n -> {
                        assertThat(n.lines()).contains("Comment: " + comment, "  Max error (px): 30.00 (serving 22.60, worse)");
                        assertThat(n.delivery().state()).isEqualTo(Delivery.State.DELIVERED);
                        assertThat(n.details()).containsEntry("decidedBy", "bob");
                    });
        }
    }

    @Test
    void aFailedDeliveryIsShownWithTheReason() {
        receiver.answer(502);
        String comment = "broken hook " + System.nanoTime();
        try (NotificationCenter center = center(2)) {
            center.on(decision(comment));

            Notification failed = await().atMost(30, TimeUnit.SECONDS).until(
                    () -> center.recent(5).stream().filter(n -> n.lines().contains("Comment: " + comment)).findFirst()
                            .filter(n -> n.delivery().state() == Delivery.State.FAILED).orElse(null),
                    n -> n != null);
            assertThat(failed.delivery().describe())
                    .startsWith("Not sent to the webhook (2 attempts): HTTP 502");
            assertThat(receiver.requests()).isEqualTo(2);
        }
    }

    @Test
    void thePublisherDoesNotWaitForAWebhookThatHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        receiver.answerInTurn(200);
        try (var hanging = new HangingWebhook(release);
             NotificationCenter center = new NotificationCenter(new NotificationStore(tables),
                     new WebhookNotificationChannel(hanging.url(), 1, Duration.ofMillis(20), Duration.ofSeconds(60),
                             Clock.systemUTC()), "", Clock.systemUTC())) {
            String comment = "hanging " + System.nanoTime();

            center.on(decision(comment)); // returns while the webhook still holds the request

            await().atMost(30, TimeUnit.SECONDS).until(hanging::entered);
            assertThat(center.recent(5)).filteredOn(n -> n.lines().contains("Comment: " + comment))
                    .singleElement().extracting(n -> n.delivery().state()).isEqualTo(Delivery.State.PENDING);
            release.countDown();
            await().atMost(30, TimeUnit.SECONDS).until(() -> center.recent(5).stream()
                    .anyMatch(n -> n.lines().contains("Comment: " + comment)
                            && n.delivery().state() == Delivery.State.DELIVERED));
        }
    }

    @Test
    void unreadCountsArePerPersonAndReadingClearsThem() {
        try (NotificationCenter center = center(1)) {
            String reader = "reader-" + System.nanoTime();
            String other = "other-" + System.nanoTime();
            center.markAllRead(reader);
            center.markAllRead(other);
            int before = center.unreadCount(reader);
            center.on(decision("unread " + System.nanoTime()));
            await().atMost(30, TimeUnit.SECONDS).until(() -> center.unreadCount(reader) == before + 1);

            center.markAllRead(reader);

            assertThat(center.unreadCount(reader)).isZero();
            assertThat(center.unreadCount(other)).isEqualTo(before + 1);
        }
    }
}
