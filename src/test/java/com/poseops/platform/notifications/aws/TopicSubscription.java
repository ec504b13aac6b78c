package com.poseops.platform.notifications.aws;

import com.poseops.platform.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SQS queue subscribed to an SNS topic (in moto): what an e-mail or any other subscriber of the stack's topic would
 * receive. {@link #await} reads the SNS envelopes ({@code Subject}, {@code Message}, {@code MessageAttributes}).
 */
public final class TopicSubscription implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One SNS delivery as the queue holds it. */
    public record Received(String subject, String message, Map<String, Object> attributes) {
    }

    private final SnsClient sns;
    private final SqsClient sqs;
    private final String queueUrl;

    public TopicSubscription(AwsClients aws, String topicArn, String queueName) {
        this.sns = aws.build(SnsClient.builder());
        this.sqs = aws.build(SqsClient.builder());
        this.queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    /** Waits up to {@code timeout} for a delivery that matches; fails listing what did arrive. */
    public Received await(Predicate<Received> matching, Duration timeout) {
        List<Received> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                Map<String, Object> envelope = JSON.readValue(message.body(), new TypeReference<Map<String, Object>>() {
                });
                @SuppressWarnings("unchecked")
                Map<String, Object> attributes = (Map<String, Object>) envelope.getOrDefault("MessageAttributes", Map.of());
                Received received = new Received(String.valueOf(envelope.get("Subject")),
                        String.valueOf(envelope.get("Message")), attributes);
                if (matching.test(received)) {
                    return received;
                }
                seen.add(received);
            }
        }
        throw new AssertionError("No matching message reached the queue subscribed to the topic within "
                + timeout.toSeconds() + " s; received: " + seen);
    }

    @Override
    public void close() {
        sns.close();
        sqs.close();
    }
}
