package com.poseops.platform.notifications.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.platform.events.MetricLine;
import com.poseops.platform.events.TrainingJobEnded;
import com.poseops.platform.events.VersionDecided;
import com.poseops.platform.notifications.Delivery;
import com.poseops.platform.notifications.NotificationTexts;
import com.poseops.platform.persistence.MissingResourcesException;
import com.poseops.testsupport.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

/** The SNS channel against moto: the topic is checked (or created for emulators), and a subscriber gets the message. */
class SnsNotificationChannelTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static String topicArn(String name) {
        return "arn:aws:sns:" + MotoServer.REGION + ":" + MotoServer.ACCOUNT_ID + ":" + name;
    }

    @Test
    void aDecisionPublishedToTheTopicReachesASubscribedQueueWithApproverCommentAndMetrics() {
        String topic;
        try (SnsClient sns = moto.awsClients().build(SnsClient.builder())) {
            topic = sns.createTopic(r -> r.name("poseops-notifications")).topicArn();
        }
        try (SnsNotificationChannel channel = new SnsNotificationChannel(moto.awsClients(), topic, false,
                Clock.systemUTC());
             TopicSubscription subscriber = new TopicSubscription(moto.awsClients(), topic, "decisions")) {
            Delivery delivery = channel.deliver(NotificationTexts.of(new VersionDecided("hp-prediction-models", 4, true,
                    "alice", "better PCK, same latency", List.of(new MetricLine("PCK@0.05", "1.000", "0.941", "better")),
                    "version 3 (endpoint hp-prediction-endpoint)", Instant.now()), "n-4"));

            assertThat(delivery.state()).isEqualTo(Delivery.State.DELIVERED);
            TopicSubscription.Received received = subscriber.await(m -> m.subject().contains("version 4"),
                    Duration.ofSeconds(30));
            assertThat(received.subject()).isEqualTo("Model version 4 approved by alice");
            assertThat(received.message()).contains("Comment: better PCK, same latency")
                    .contains("Metrics beside the serving version 3 (endpoint hp-prediction-endpoint):")
                    .contains("PCK@0.05: 1.000 (serving 0.941, better)");
            assertThat(received.attributes()).containsKey("kind");
            assertThat(received.attributes().get("kind")).asString().contains("VERSION_DECIDED");
        }
    }

    @Test
    void trainingJobsAreLeftToSageMakersOwnEvents() {
        String topic = topicArn("training-topic");
        try (SnsNotificationChannel channel = new SnsNotificationChannel(moto.awsClients(), topic, true,
                Clock.systemUTC())) {
            var notification = NotificationTexts.of(new TrainingJobEnded("poseops-calibrate-1",
                    TrainingJobEnded.Outcome.COMPLETED, "dora", null, Map.of("validation:ece", "0.031"), 5,
                    Instant.now()), "n-5");
            assertThat(channel.whyNotSent(notification)).contains("SageMaker sends this one");
        }
    }

    @Test
    void aMissingTopicStopsTheStartWithWhatToDoUnlessResourcesMayBeCreated() {
        String missing = topicArn("not-there");
        assertThatThrownBy(() -> new SnsNotificationChannel(moto.awsClients(), missing, false, Clock.systemUTC()))
                .isInstanceOf(MissingResourcesException.class)
                .hasMessageContaining(missing).hasMessageContaining("Notifications.topicArn")
                .hasMessageContaining("poseops-console.yml");

        try (SnsNotificationChannel created = new SnsNotificationChannel(moto.awsClients(), missing, true,
                Clock.systemUTC());
             SnsClient sns = moto.awsClients().build(SnsClient.builder())) {
            assertThat(sns.getTopicAttributes(r -> r.topicArn(missing)).attributes()).containsEntry("TopicArn", missing);
            assertThat(created.name()).isEqualTo("SNS topic");
        }
    }

    @Test
    void subjectsAreShortPrintableAscii() {
        assertThat(SnsNotificationChannel.subject("Deployed version 2 → version 3 to hp-prediction-endpoint"))
                .isEqualTo("Deployed version 2 -> version 3 to hp-prediction-endpoint");
        assertThat(SnsNotificationChannel.subject("x".repeat(150))).hasSize(100).endsWith("...");
    }
}
