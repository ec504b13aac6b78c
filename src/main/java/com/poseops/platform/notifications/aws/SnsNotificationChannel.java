package com.poseops.platform.notifications.aws;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.notifications.Delivery;
import com.poseops.platform.notifications.Notification;
import com.poseops.platform.notifications.NotificationChannel;
import com.poseops.platform.persistence.MissingResourcesException;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Publishes the console's own notifications to the stack's SNS topic ({@code Notifications.topicArn}), from which they
 * reach e-mail and any other subscription. SageMaker's own events (a training job that ended) reach the same topic
 * through the stack's EventBridge rules, so the console leaves those out. The topic belongs to the stack: at start the
 * console only checks that it exists, and creates it only with {@code Aws.createResources=true} (emulators). The SDK
 * retries throttling and 5xx answers with backoff (its standard retry strategy) before a delivery is shown as failed.
 */
public final class SnsNotificationChannel implements NotificationChannel {

    /** SNS limits a subject to 100 printable ASCII characters. */
    static final int MAX_SUBJECT = 100;

    private static final Logger log = LoggerFactory.getLogger(SnsNotificationChannel.class);

    private final SnsClient sns;
    private final String topicArn;
    private final Clock clock;

    public SnsNotificationChannel(AwsClients aws, String topicArn, boolean createResources, Clock clock) {
        this.sns = aws.build(SnsClient.builder());
        this.topicArn = topicArn;
        this.clock = clock;
        try {
            requireTopic(createResources);
        } catch (RuntimeException e) {
            sns.close();
            throw e;
        }
    }

    private void requireTopic(boolean createResources) {
        try {
            sns.getTopicAttributes(request -> request.topicArn(topicArn));
        } catch (NotFoundException missing) {
            if (!createResources) {
                throw new MissingResourcesException("The SNS topic " + topicArn + " (Notifications.topicArn) does not "
                        + "exist. Deploy infra/cloudformation/poseops-console.yml and use its NotificationTopicArn "
                        + "output, leave Notifications.topicArn empty, or start with POSEOPS_AWS_CREATE_RESOURCES=true.");
            }
            String name = topicArn.substring(topicArn.lastIndexOf(':') + 1);
            String created = sns.createTopic(request -> request.name(name)).topicArn();
            if (!created.equals(topicArn)) {
                throw new MissingResourcesException("Created the SNS topic " + created + ", but Notifications.topicArn is "
                        + topicArn + " (another account or region?). Fix Notifications.topicArn.");
            }
            log.info("Created SNS topic {}", topicArn);
        }
    }

    @Override
    public String name() {
        return "SNS topic";
    }

    @Override
    public @Nullable String whyNotSent(Notification notification) {
        return notification.kind() == Notification.Kind.TRAINING_ENDED
                ? "SageMaker sends this one to the SNS topic itself (EventBridge rule of the stack)." : null;
    }

    @Override
    public Delivery deliver(Notification notification) {
        try {
            sns.publish(request -> request.topicArn(topicArn)
                    .subject(subject(notification.title()))
                    .message(notification.text())
                    .messageAttributes(Map.of(
                            "kind", stringAttribute(notification.kind().name()),
                            "severity", stringAttribute(notification.severity().name()))));
            return Delivery.delivered(name(), 1, clock.instant());
        } catch (SdkException e) {
            return Delivery.failed(name(), 1, "SNS refused or did not answer after retries: " + e.getMessage()
                    + ". Check Notifications.topicArn and the console role's sns:Publish.", clock.instant());
        }
    }

    /** The title as an SNS subject: printable ASCII, at most 100 characters. */
    static String subject(String title) {
        StringBuilder ascii = new StringBuilder();
        title.codePoints().forEach(cp -> ascii.append(cp == '→' ? "->" : cp >= 32 && cp < 127 ? String.valueOf((char) cp) : "?"));
        String text = ascii.toString();
        return text.length() > MAX_SUBJECT ? text.substring(0, MAX_SUBJECT - 3) + "..." : text;
    }

    private static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void close() {
        sns.close();
    }
}
