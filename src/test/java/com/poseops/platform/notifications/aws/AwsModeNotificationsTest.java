package com.poseops.platform.notifications.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.poseops.platform.notifications.Delivery;
import com.poseops.platform.notifications.Notification;
import com.poseops.endpoints.EndpointMonitor;
import com.poseops.platform.notifications.NotificationCenter;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.Registrations;
import com.poseops.registry.RegistryService;
import com.poseops.testsupport.AwsModeSpringTest;
import com.poseops.testsupport.Users;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The console in aws mode against moto, with Notifications.topicArn set: approving a version publishes a message to
 * the topic with the approver, the comment and the metrics beside the serving version's, which a queue subscribed to
 * the topic receives; the notification centre shows it as sent.
 */
@TestPropertySource(properties = {
        "PoseOps.dataDir=target/test-data/aws-mode-notifications",
        "Aws.tablePrefix=poseops-notify-",
        "Notifications.topicArn=arn:aws:sns:us-east-1:123456789012:poseops-notifications"})
class AwsModeNotificationsTest extends AwsModeSpringTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:poseops-notifications";

    @Autowired
    RegistryService service;

    @Autowired
    NotificationCenter notifications;

    @Autowired
    EndpointMonitor endpointMonitor;

    @Autowired
    com.poseops.registry.ServingModel serving;

    @Test
    void approvingAVersionPublishesTheApproverTheCommentAndTheMetricsComparisonToTheTopic() throws Exception {
        try (TopicSubscription subscriber = new TopicSubscription(moto.awsClients(), TOPIC, "poseops-subscriber")) {
            ModelVersion first = Registrations.register(service, "dora", "the first version");
            Registrations.awaitMetrics(service, first.version());
            Users.as("alice", Role.APPROVER, () -> service.decide(first.version(), ApprovalStatus.APPROVED, "first"));
            assertThat(subscriber.await(m -> m.subject().equals("Model version " + first.version()
                    + " approved by alice"), Duration.ofSeconds(60)).message())
                    .as("nothing serves yet, and the message says so").contains("nothing serves yet to compare with");
            serveOnTheEndpoint(first.artifactUri());
            awaitServing(first); // the console's one poller looks every 30 s while nothing goes on: ask it now

            ModelVersion second = Registrations.register(service, "dora", "Lightning int8, for the topic");
            Registrations.awaitMetrics(service, second.version());
            TopicSubscription.Received waiting = subscriber.await(
                    m -> m.subject().equals("Model version " + second.version() + " waits for approval"),
                    Duration.ofSeconds(60));
            assertThat(waiting.message()).contains("Registered by dora: Lightning int8, for the topic")
                    .contains("Metrics beside the serving version " + first.version());

            String comment = "PCK 1.0 on both images, approved for the canary";
            Users.as("alice", Role.APPROVER, () -> service.decide(second.version(), ApprovalStatus.APPROVED, comment));

            TopicSubscription.Received decided = subscriber.await(
                    m -> m.subject().equals("Model version " + second.version() + " approved by alice"),
                    Duration.ofSeconds(60));
            assertThat(decided.message()).contains("Comment: " + comment)
                    .contains("Metrics beside the serving version " + first.version()
                            + " (endpoint hp-prediction-endpoint):")
                    .containsPattern("Max error \\(px\\): \\d+\\.\\d\\d \\(serving \\d+\\.\\d\\d, same\\)")
                    .containsPattern("PCK@0\\.05: \\d\\.\\d{3} \\(serving \\d\\.\\d{3}, same\\)");
            assertThat(decided.attributes().get("kind")).asString().contains("VERSION_DECIDED");
        }
        // The centre records the outcome right after SNS answered; the queue may have it a moment earlier.
        Notification shown = await().atMost(30, TimeUnit.SECONDS).until(() -> notifications.recent(10).stream()
                .filter(n -> n.kind() == Notification.Kind.VERSION_DECIDED && n.lines().contains("Comment: "
                        + "PCK 1.0 on both images, approved for the canary")).findFirst().orElse(null),
                n -> n != null && n.delivery().state() != Delivery.State.PENDING);
        assertThat(shown.delivery().describe()).isEqualTo("Sent to the SNS topic.");
    }

    /** Puts the version behind the endpoint the way a deploy does (the Endpoints feature's job; here by hand). */
    private void awaitServing(ModelVersion version) throws InterruptedException {
        endpointMonitor.refreshNow();
        for (int i = 0; i < 200; i++) {
            if (serving.current().map(served -> Integer.valueOf(version.version()).equals(served.version())
                    || version.artifactUri().equals(served.artifactUri())).orElse(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the poller did not see version " + version.version() + " serving: "
                + endpointMonitor.current());
    }
}
