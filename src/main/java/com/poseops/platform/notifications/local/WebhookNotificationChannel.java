package com.poseops.platform.notifications.local;

import com.poseops.platform.notifications.Delivery;
import com.poseops.platform.notifications.Notification;
import com.poseops.platform.notifications.NotificationChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each notification as a JSON POST to {@code Notifications.webhookUrl}. The body's {@code text} is the whole
 * notification in plain text, which chat incoming-webhooks (Slack, Mattermost, Rocket.Chat) show as a message; the
 * other fields carry the facts for programs. A timeout, a connection error, 408, 429 or a 5xx is tried again after
 * {@code webhookBackoff}, doubling each time, {@code webhookAttempts} times in all; another 4xx fails at once (the URL
 * or the receiver is wrong, and asking again will not help).
 */
public final class WebhookNotificationChannel implements NotificationChannel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI url;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;

    public WebhookNotificationChannel(URI url, int attempts, Duration backoff, Duration timeout, Clock clock) {
        this.url = url;
        this.attempts = attempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Delivery deliver(Notification notification) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "PoseOps")
                .POST(HttpRequest.BodyPublishers.ofString(body(notification), StandardCharsets.UTF_8))
                .build();
        String problem = "";
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return Delivery.delivered(name(), attempt, clock.instant());
                }
                problem = "HTTP " + status + " from " + url.getHost() + snippet(response.body());
                if (status / 100 == 4 && status != 408 && status != 429) {
                    return Delivery.failed(name(), attempt, problem + ". Check Notifications.webhookUrl.",
                            clock.instant());
                }
            } catch (IOException e) {
                problem = "no answer from " + url.getHost() + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Delivery.failed(name(), attempt, "the console stopped while sending", clock.instant());
            }
            if (attempt < attempts) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Delivery.failed(name(), attempt, problem + "; the console stopped before trying again",
                            clock.instant());
                }
                wait = wait.multipliedBy(2);
            }
        }
        return Delivery.failed(name(), attempts, problem + ". Check that the webhook at Notifications.webhookUrl is up.",
                clock.instant());
    }

    /** The JSON body: {@code text} for chat tools, the rest for programs. */
    static String body(Notification notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", notification.text());
        body.put("title", notification.title());
        body.put("kind", notification.kind().name());
        body.put("severity", notification.severity().name());
        body.put("at", notification.at().toString());
        body.put("lines", notification.lines());
        if (notification.path() != null) {
            body.put("path", "/" + notification.path());
        }
        body.put("details", notification.details());
        body.put("id", notification.id());
        return JSON.writeValueAsString(body);
    }

    private static String snippet(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? "" : ": " + (text.length() > 120 ? text.substring(0, 120) + "…" : text);
    }

    @Override
    public void close() {
        http.close();
    }
}
