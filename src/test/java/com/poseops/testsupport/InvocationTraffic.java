package com.poseops.testsupport;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;

/**
 * A client sending requests through the local front door the whole time, with the AWS SDK's
 * {@code SageMakerRuntimeClient} pointed at it (an endpoint override, dummy credentials — as a user would). Records
 * every answer's variant ({@code x-Amzn-Invoked-Production-Variant}) in order, and every failure.
 */
public final class InvocationTraffic implements AutoCloseable {

    /** One request: when, which variant answered (null when it failed), and the failure. */
    public record Answer(Instant at, String variant, String failure) {
    }

    private final SageMakerRuntimeClient client;
    private final String endpointName;
    private final byte[] image;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private InvocationTraffic(URI frontDoor, String endpointName, byte[] image, int clients, Duration pause) {
        this.client = sdkClient(frontDoor);
        this.endpointName = endpointName;
        this.image = image;
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("traffic-" + i).daemon().start(() -> loop(pause)));
        }
    }

    /** Starts {@code clients} threads, each sending {@code image} as JPEG, pausing {@code pause} between requests. */
    public static InvocationTraffic start(URI frontDoor, String endpointName, byte[] image, int clients,
            Duration pause) {
        return new InvocationTraffic(frontDoor, endpointName, image, clients, pause);
    }

    /** The SDK client as a user would configure it for the local front door. */
    public static SageMakerRuntimeClient sdkClient(URI frontDoor) {
        return SageMakerRuntimeClient.builder()
                .endpointOverride(frontDoor)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private void loop(Duration pause) {
        while (running) {
            try {
                InvokeEndpointResponse response = client.invokeEndpoint(r -> r.endpointName(endpointName)
                        .contentType("image/jpeg").accept("application/json").body(SdkBytes.fromByteArray(image)));
                String body = response.body().asUtf8String();
                answers.add(body.contains("\"keypoints\"") ? new Answer(Instant.now(),
                        response.invokedProductionVariant(), null)
                        : new Answer(Instant.now(), null, "not a prediction: " + body));
            } catch (RuntimeException e) {
                answers.add(new Answer(Instant.now(), null, e.toString()));
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    public List<String> failures() {
        return answers.stream().filter(a -> a.failure() != null).map(Answer::failure).toList();
    }

    /** The variants that answered, in order, with repeats collapsed (e.g. [blue, green] or [blue, green, blue]). */
    public List<String> variantSequence() {
        List<String> sequence = new ArrayList<>();
        for (Answer answer : answers) {
            if (answer.variant() != null && (sequence.isEmpty() || !sequence.getLast().equals(answer.variant()))) {
                sequence.add(answer.variant());
            }
        }
        return sequence;
    }

    /** Waits until at least {@code count} more requests (from now) were answered by a variant matching. */
    public void awaitAnswers(int count, Predicate<String> variant, Duration timeout) {
        int start = answers.size();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            long matching = answers.subList(Math.min(start, answers.size()), answers.size()).stream()
                    .filter(a -> a.variant() != null && variant.test(a.variant())).count();
            if (matching >= count) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("fewer than " + count + " matching answers within " + timeout.toSeconds()
                + " s; variants so far " + variantSequence() + ", failures " + failures());
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(70_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
    }
}
