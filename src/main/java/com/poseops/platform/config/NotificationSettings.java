package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Notifications}: where notifications go besides the console's own notification centre.
 *
 * @param topicArn        aws mode: the SNS topic the console publishes its own events to (the human decision and its
 *                        comment, deployment outcomes); the {@code NotificationTopicArn} output of
 *                        poseops-console.yml. Empty = none.
 * @param webhookUrl      local mode: a URL that receives each notification as a JSON POST (e.g. a chat
 *                        incoming-webhook). Empty = none.
 * @param webhookAttempts how many times a webhook delivery is tried before it is shown as failed
 * @param webhookBackoff  the wait before the second attempt; it doubles for each further one
 * @param webhookTimeout  how long one attempt may take
 */
@Validated
@ConfigurationProperties("notifications")
public record NotificationSettings(
        @NotNull @DefaultValue("") @Pattern(regexp = "(arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256})?",
                message = "must be empty or an SNS topic ARN like arn:aws:sns:ap-south-1:123456789012:poseops-notifications")
        String topicArn,
        @NotNull @DefaultValue("") @Pattern(regexp = "(https?://\\S+)?",
                message = "must be empty or an http(s) URL like https://chat.example.com/hooks/abc")
        String webhookUrl,
        @NotNull @DefaultValue("4") @Min(value = 1, message = "must be at least 1")
        @Max(value = 10, message = "must be at most 10") Integer webhookAttempts,
        @NotNull @DefaultValue("2s") Duration webhookBackoff,
        @NotNull @DefaultValue("10s") Duration webhookTimeout) {

    public @Nullable String topic() {
        return topicArn.isBlank() ? null : topicArn;
    }

    public @Nullable URI webhook() {
        return webhookUrl.isBlank() ? null : URI.create(webhookUrl);
    }
}
