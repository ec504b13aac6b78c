package com.poseops.platform.notifications.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.platform.events.LatencyViolation;
import com.poseops.platform.events.MetricLine;
import com.poseops.platform.events.VersionDecided;
import com.poseops.platform.notifications.NotificationCenter;
import com.poseops.platform.notifications.NotificationStore;
import com.poseops.platform.notifications.WebhookReceiver;
import com.poseops.platform.notifications.local.WebhookNotificationChannel;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.internal.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The notification centre in the header, without a browser: an event published anywhere shows up in the bell's count
 * and list pushed to the open page; opening the bell marks it read; a failed delivery is shown with its reason.
 */
@PoseOpsSpringTest
class NotificationBellViewTest extends SpringBrowserlessTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    NotificationCenter center;

    @Autowired
    DynamoDbTables tables;

    @Test
    @WithMockUser(username = "bell-viewer", roles = "VIEWER")
    void aPublishedDecisionIsPushedToTheBellAndOpeningItMarksItRead() {
        navigate("", com.vaadin.flow.component.Component.class);
        NotificationBell header = find(NotificationBell.class).single();
        Button bell = header.bellButton();
        test(bell).click(); // start from nothing unread
        assertThat(header.countBadge().isVisible()).isFalse();

        String comment = "view test " + System.nanoTime();
        events.publishEvent(new VersionDecided("hp-prediction-models", 12, true, "alice", comment,
                List.of(new MetricLine("PCK@0.05", "1.000", "0.941", "better")), "version 11 (model.tflite)",
                Instant.now()));

        awaitPushed("the count of one unread notification",
                () -> header.countBadge().isVisible() && header.countBadge().getText().equals("1"));
        assertThat(bell.getAriaLabel()).contains("Notifications, 1 unread");
        Div item = header.items().stream().filter(i -> texts(i, "notification-line").contains("Comment: " + comment))
                .findFirst().orElseThrow();
        assertThat(item.getElement().getAttribute("data-kind")).isEqualTo("VERSION_DECIDED");
        assertThat(texts(item, "notification-title")).containsExactly("Model version 12 approved by alice");
        assertThat(texts(item, "notification-line")).contains("Metrics beside the serving version 11 (model.tflite):",
                "PCK@0.05: 1.000 (serving 0.941, better)");
        assertThat(texts(item, "notification-delivery")).containsExactly(
                "Shown here only: no webhook is configured (Notifications.webhookUrl).");

        test(bell).click();

        assertThat(header.countBadge().isVisible()).isFalse();
        assertThat(center.unreadCount("bell-viewer")).isZero();
    }

    @Test
    @WithMockUser(username = "bell-watcher", roles = "VIEWER")
    void aFailedWebhookDeliveryIsShownWithItsReason() {
        navigate("", com.vaadin.flow.component.Component.class);
        try (WebhookReceiver receiver = new WebhookReceiver();
             NotificationCenter failing = new NotificationCenter(new NotificationStore(tables),
                     new WebhookNotificationChannel(receiver.url(), 2, Duration.ofMillis(20), Duration.ofSeconds(5),
                             Clock.systemUTC()), "", Clock.systemUTC())) {
            receiver.answer(503);
            NotificationBell bell = new NotificationBell(failing, "bell-watcher");
            bell.setId("second-bell");
            UI.getCurrent().add(bell);

            String endpoint = "endpoint-" + System.nanoTime(); // the data directory keeps earlier runs' notifications
            failing.on(new LatencyViolation(endpoint, "blue", 3, Instant.now(), 1.72, 1.0, Instant.now()));

            awaitPushed("the failed delivery (the centre has " + "%s)", () -> failedItems(bell, endpoint).size() == 1,
                    () -> failing.recent(3).stream().map(n -> n.title() + ": " + n.delivery().describe()).toList()
                            + ", the bell shows " + bell.items().stream().map(i -> i.getElement()
                            .getAttribute("data-delivery")).toList());
            Div item = failedItems(bell, endpoint).getFirst();
            assertThat(texts(item, "notification-line")).contains("Average inference time peaked at 1.720 s; the "
                    + "threshold (ModelMonitoring.threshold) is 1.000 s.");
            assertThat(texts(item, "notification-delivery")).singleElement().asString()
                    .startsWith("Not sent to the webhook (2 attempts): HTTP 503").contains("Notifications.webhookUrl");
            assertThat(receiver.requests()).isEqualTo(2);
        }
    }

    private static List<Div> failedItems(NotificationBell bell, String endpoint) {
        return bell.items().stream().filter(i -> "FAILED".equals(i.getElement().getAttribute("data-delivery")))
                .filter(i -> texts(i, "notification-title").contains("Latency above the threshold on " + endpoint))
                .toList();
    }

    private static List<String> texts(Div item, String className) {
        return item.getChildren().flatMap(child -> child instanceof Div wrapper
                        ? java.util.stream.Stream.concat(java.util.stream.Stream.of(child), wrapper.getChildren())
                        : java.util.stream.Stream.of(child))
                .filter(child -> child.getClassNames().contains(className))
                .map(child -> child.getElement().getText()).toList();
    }

    /** Runs the UI's pending pushes until {@code condition} holds (the centre notifies from its own thread). */
    private void awaitPushed(String what, BooleanSupplier condition) {
        awaitPushed(what, condition, () -> "");
    }

    private void awaitPushed(String what, BooleanSupplier condition, java.util.function.Supplier<String> state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            // Runs the UI.access tasks queued by the centre's thread, as a browser's next round trip would.
            MockVaadin.clientRoundtrip();
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Timed out after 30 s waiting for " + what.formatted(state.get()));
    }
}
