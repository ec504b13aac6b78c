package com.poseops.pose.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.EndpointRuntime;
import com.poseops.endpoints.EndpointState;
import com.poseops.endpoints.EndpointStatus;
import com.poseops.endpoints.local.LocalEndpointManager;
import com.poseops.endpoints.local.ModelDownload;
import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import com.poseops.pose.EndpointClient;
import com.poseops.pose.EndpointException;
import com.poseops.pose.EndpointException.Reason;
import com.poseops.pose.EndpointPrediction;
import com.poseops.pose.PoseResult;
import com.sun.net.httpserver.HttpServer;
import com.poseops.testsupport.LocalEndpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local adapter against a REAL local endpoint (an inference-server child process on the shared Lightning int8
 * model), plus wire-level stand-ins for the failures a healthy server does not produce on demand (overload, a hang,
 * a refused connection, a broken answer).
 */
class LocalEndpointClientTest {

    private static LocalEndpointManager endpoint;
    private static LocalEndpointClient client;

    @BeforeAll
    static void startEndpoint() throws IOException {
        Path data = Files.createDirectories(Path.of("target/test-data/local-endpoint-client"));
        endpoint = LocalEndpointManager.create("local-test-endpoint", TestData.lightningInt8Model(), data,
                ModelDownload.unavailable("not in this test"));
        endpoint.start();
        LocalEndpoints.awaitServing(endpoint);
        client = new LocalEndpointClient(endpoint);
    }

    @AfterAll
    static void stopEndpoint() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void predictsTheKeypointsOfImage2WithinTheToleranceOfTheReference() throws Exception {
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        EndpointPrediction prediction = client.invoke(jpeg, "image/jpeg");

        PoseResult result = prediction.result();
        assertThat(prediction.endpointName()).isEqualTo("local-test-endpoint");
        assertThat(prediction.variant()).isEqualTo("blue");
        assertThat(result.model().name()).contains("lightning");
        assertThat(result.model().inputSize()).isEqualTo(192);
        assertThat(result.keypoints()).hasSize(17);
        assertThat(result.timingsMs().total()).isPositive();
        assertThat(prediction.roundTrip().toNanos() / 1e6).as("round trip ≥ the server's own total")
                .isGreaterThanOrEqualTo(result.timingsMs().total() * 0.9);
        double[][] truth = TestData.truth().get(1); // image2
        for (int i = 0; i < 17; i++) {
            PoseResult.Keypoint k = result.keypoints().get(i);
            assertThat(Math.max(Math.abs(k.x() - truth[i][0]), Math.abs(k.y() - truth[i][1])))
                    .as("L-inf distance of %s (%.1f, %.1f) to the reference (%.0f, %.0f)", k.name(), k.x(), k.y(),
                            truth[i][0], truth[i][1])
                    .isLessThanOrEqualTo(21);
        }
    }

    @Test
    void badImagesGetTheirReasonAndTheEndpointKeepsServing() throws Exception {
        assertReason(() -> client.invoke("hello, not an image".getBytes(StandardCharsets.UTF_8), "image/jpeg"),
                Reason.INVALID_IMAGE, "could not read this image");
        assertReason(() -> client.invoke(new byte[0], "image/png"), Reason.INVALID_IMAGE, "JPEG or PNG");
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
        assertReason(() -> client.invoke(gif, "image/png"), Reason.UNSUPPORTED_TYPE, "JPEG or PNG");
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 600);
        assertReason(() -> client.invoke(truncated, "image/jpeg"), Reason.INVALID_IMAGE, "");
        assertReason(() -> client.invoke(jpeg, "image/gif"), Reason.UNSUPPORTED_TYPE, "JPEG or PNG");
        assertReason(() -> client.invoke(new byte[EndpointClient.MAX_IMAGE_BYTES + 1], "image/jpeg"), Reason.TOO_LARGE,
                "6 MB");

        assertThat(client.invoke(jpeg, "image/jpeg").result().keypoints()).as("a good image after the bad ones")
                .hasSize(17);
    }

    @Test
    void withoutAServingEndpointItSaysSoAndWhatToDo() {
        FakeRuntime runtime = new FakeRuntime(EndpointState.RESTARTING,
                "The local endpoint stopped; starting it again…", null);
        assertReason(() -> new LocalEndpointClient(runtime).invoke(new byte[] {1}, "image/jpeg"),
                Reason.NOT_IN_SERVICE, "No endpoint is serving yet — The local endpoint stopped");
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int port = TestPorts.freeLoopbackPort();
        FakeRuntime runtime = new FakeRuntime(EndpointState.IN_SERVICE, "Serving", URI.create("http://127.0.0.1:" + port));
        assertReason(() -> new LocalEndpointClient(runtime).invoke(new byte[] {1}, "image/jpeg"),
                Reason.UNAVAILABLE, "try again in a few seconds");
    }

    @Test
    void overloadedTimeoutAndBrokenAnswersAreTold() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/invocations", exchange -> {
            String mode = exchange.getRequestHeaders().getFirst("Content-Type").equals("image/png") ? "slow" : "busy";
            byte[] body;
            int status;
            if (exchange.getRequestBody().readAllBytes().length == 2) {
                status = 200;
                body = "{\"model\": ".getBytes(StandardCharsets.UTF_8);
            } else if (mode.equals("busy")) {
                status = 503;
                body = "{\"error\":{\"code\":\"overloaded\",\"message\":\"2 requests in progress\"}}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
                body = new byte[0];
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            FakeRuntime runtime = new FakeRuntime(EndpointState.IN_SERVICE, "Serving",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
            LocalEndpointClient impatient = new LocalEndpointClient(runtime, Duration.ofMillis(500));
            assertReason(() -> impatient.invoke(new byte[] {1}, "image/jpeg"), Reason.OVERLOADED,
                    "busy with other requests");
            long started = System.nanoTime();
            assertReason(() -> impatient.invoke(new byte[] {1}, "image/png"), Reason.TIMEOUT, "did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time until the timeout was reported")
                    .isLessThan(Duration.ofSeconds(2));
            assertReason(() -> impatient.invoke(new byte[] {1, 2}, "image/jpeg"), Reason.BAD_RESPONSE,
                    "not a pose prediction");
        } finally {
            server.stop(0);
        }
    }

    private static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason,
            String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EndpointException.class, e -> {
            assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(messagePart).doesNotContain("Exception").doesNotContain("\n");
        });
    }


    /** A runtime in a fixed state, for the cases a real one cannot be put into on demand. */
    private record FakeRuntime(EndpointState state, String message, URI base) implements EndpointRuntime {

        @Override
        public EndpointStatus status() {
            return new EndpointStatus("fake-endpoint", state, message, base == null ? null : "blue", "model.tflite",
                    Instant.now(), null);
        }

        @Override
        public Subscription onStatusChange(Consumer<EndpointStatus> listener) {
            return () -> { };
        }

        @Override
        public Optional<Route> route() {
            return base == null || !state.serving() ? Optional.empty() : Optional.of(new Route("blue", base));
        }
    }
}
