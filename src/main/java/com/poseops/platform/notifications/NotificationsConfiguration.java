package com.poseops.platform.notifications;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.NotificationSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.notifications.aws.SnsNotificationChannel;
import com.poseops.platform.notifications.local.WebhookNotificationChannel;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import java.net.URI;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notification centre and its channel: the webhook in local mode, the SNS topic in aws mode (both optional). */
@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

    @Bean
    TableDefinition<NotificationItem> notificationsTable() {
        return NotificationStore.TABLE;
    }

    @Bean
    TableDefinition<NotificationReadItem> notificationReadsTable() {
        return NotificationStore.READS_TABLE;
    }

    @Bean
    NotificationStore notificationStore(DynamoDbTables tables) {
        return new NotificationStore(tables);
    }

    @Bean(destroyMethod = "close")
    NotificationCenter notificationCenter(NotificationStore store, NotificationSettings settings,
            PoseOpsSettings poseOps, AwsSettings aws, AwsClients awsClients, Clock clock) {
        if (poseOps.mode() == Mode.AWS) {
            String topic = settings.topic();
            return topic == null
                    ? new NotificationCenter(store, null, "Shown here only: Notifications.topicArn is empty.", clock)
                    : new NotificationCenter(store, new SnsNotificationChannel(awsClients, topic, aws.createResources(),
                            clock), "", clock);
        }
        URI webhook = settings.webhook();
        return webhook == null
                ? new NotificationCenter(store, null, "Shown here only: no webhook is configured "
                        + "(Notifications.webhookUrl).", clock)
                : new NotificationCenter(store, new WebhookNotificationChannel(webhook, settings.webhookAttempts(),
                        settings.webhookBackoff(), settings.webhookTimeout(), clock), "", clock);
    }
}
