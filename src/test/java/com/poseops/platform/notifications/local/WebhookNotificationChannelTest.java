package com.poseops.platform.notifications.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.platform.events.MetricLine;
import com.poseops.platform.events.VersionDecided;
import com.poseops.platform.notifications.Delivery;
import com.poseops.platform.notifications.Notification;
import com.poseops.platform.notifications.NotificationTexts;
import com.poseops.platform.notifications.WebhookReceiver;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook channel against a real HTTP server on this machine: delivery, retries with backoff, failure. */
class WebhookNotificationChannelTest {

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    static Notification decision() {
        return NotificationTexts.of(new VersionDecided("hp-prediction-models", 3, true, "alice", "PCK is up, ship it",
                List.of(new MetricLine("PCK@0.05", "0.950", "0.900", "better")), "version 2 (model.tflite)",
                Instant.parse("2026-11-29T10:15:30Z")), "n-1");
    }

    private WebhookNotificationChannel channel(URI url, int attempts) {
        return new WebhookNotificationChannel(url, attempts, Duration.ofMillis(20), Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    @Test
    void aNotificationArrivesAsJsonWithTheTextAndTheFacts() throws Exception {
        Delivery delivery = channel(receiver.url(), 3).deliver(decision());

        assertThat(delivery.state()).isEqualTo(Delivery.State.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        WebhookReceiver.Received received = receiver.next(Duration.ofSeconds(5));
        assertThat(received.contentType()).startsWith("application/json");
        Map<String, Object> json = received.json();
        assertThat(json.get("text")).asString().startsWith("Model version 3 approved by alice\nComment: PCK is up, ship it")
                .contains("PCK@0.05: 0.950 (serving 0.900, better)");
        assertThat(json).containsEntry("kind", "VERSION_DECIDED").containsEntry("path", "/models");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) json.get("details");
        assertThat(details).containsEntry("decidedBy", "alice").containsEntry("comment", "PCK is up, ship it")
                .containsEntry("version", 3);
        assertThat(details.get("metrics")).asList().singleElement()
                .isEqualTo(Map.of("metric", "PCK@0.05", "value", "0.950", "serving", "0.900", "verdict", "better"));
    }

    @Test
    void serverErrorsAreTriedAgainWithBackoffUntilTheWebhookAnswers() throws Exception {
        receiver.answerInTurn(500, 503, 200);

        Delivery delivery = channel(receiver.url(), 4).deliver(decision());

        assertThat(delivery.state()).isEqualTo(Delivery.State.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(receiver.requests()).isEqualTo(3);
        assertThat(delivery.describe()).isEqualTo("Sent to the webhook (after 3 attempts).");
        assertThat(receiver.next(Duration.ofSeconds(5)).json()).containsEntry("id", "n-1");
    }

    @Test
    void aWebhookThatKeepsFailingIsReportedWithTheLastAnswerAfterEveryAttempt() {
        receiver.answer(500);

        Delivery delivery = channel(receiver.url(), 3).deliver(decision());

        assertThat(delivery.state()).isEqualTo(Delivery.State.FAILED);
        assertThat(receiver.requests()).isEqualTo(3);
        assertThat(delivery.describe()).startsWith("Not sent to the webhook (3 attempts): HTTP 500 from 127.0.0.1")
                .contains("temporarily broken").contains("Notifications.webhookUrl");
    }

    @Test
    void aClientErrorIsNotTriedAgain() {
        receiver.answer(404);

        Delivery delivery = channel(receiver.url(), 4).deliver(decision());

        assertThat(delivery.state()).isEqualTo(Delivery.State.FAILED);
        assertThat(receiver.requests()).isEqualTo(1);
        assertThat(delivery.detail()).contains("HTTP 404").contains("Check Notifications.webhookUrl");
    }

    @Test
    void nobodyListeningIsReportedAsNoAnswer() {
        URI closed = receiver.url();
        receiver.close();

        Delivery delivery = channel(closed, 2).deliver(decision());

        assertThat(delivery.state()).isEqualTo(Delivery.State.FAILED);
        assertThat(delivery.attempts()).isEqualTo(2);
        assertThat(delivery.detail()).startsWith("no answer from 127.0.0.1 (ConnectException");
    }
}
