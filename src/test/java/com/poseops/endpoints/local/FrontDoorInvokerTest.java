package com.poseops.endpoints.local;

import static com.poseops.endpoints.local.FrontDoorTest.assertReason;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.endpoints.ServedModel;
import com.poseops.inference.TestPorts;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The console's local invoker against wire-level stand-ins of the front door, for what a healthy front door does
 * not produce on demand: no endpoint, an endpoint not in service, a refused connection, a busy model, a hang.
 */
class FrontDoorInvokerTest {

    private static final byte[] IMAGE = {(byte) 0xFF, (byte) 0xD8, 1, 2};

    @Test
    void withoutAnEndpointItSaysNothingIsDeployedAndWhatToDo() {
        FrontDoorInvoker invoker = invoker(URI.create("http://127.0.0.1:1/endpoints/e/invocations"),
                Optional.empty(), Duration.ofSeconds(5));
        assertReason(() -> invoker.invoke(IMAGE, "image/jpeg"), Reason.NOT_DEPLOYED,
                "No endpoint is serving yet — No endpoint e yet — deploy an approved version");
    }

    @Test
    void anEndpointThatIsNotInServiceIsNamedWithWhatGoesOn() {
        EndpointDescription restarting = description(Status.OUT_OF_SERVICE, new EndpointDescription.VariantStatus(
                EndpointDescription.VariantStatusCode.UPDATING, "An inference process of blue stopped and is being "
                + "started again", Instant.now()));
        assertReason(() -> invoker(URI.create("http://127.0.0.1:1/"), Optional.of(restarting), Duration.ofSeconds(5))
                        .invoke(IMAGE, "image/jpeg"), Reason.NOT_IN_SERVICE,
                "No endpoint is serving yet — Endpoint e is OutOfService: An inference process of blue stopped");
        EndpointDescription downloading = description(Status.CREATING, new EndpointDescription.VariantStatus(
                EndpointDescription.VariantStatusCode.CREATING, "Downloading the MoveNet model… 40 %", Instant.now()));
        assertReason(() -> invoker(URI.create("http://127.0.0.1:1/"), Optional.of(downloading), Duration.ofSeconds(5))
                .invoke(IMAGE, "image/jpeg"), Reason.NOT_IN_SERVICE, "Downloading the MoveNet model… 40 %");
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        int port = TestPorts.freeLoopbackPort();
        assertReason(() -> invoker(URI.create("http://127.0.0.1:" + port + "/endpoints/e/invocations"),
                Optional.of(description(Status.IN_SERVICE, null)), Duration.ofSeconds(5)).invoke(IMAGE, "image/jpeg"),
                Reason.UNAVAILABLE, "try again in a few seconds");
    }

    @Test
    void aBusyModelARestartingFleetAndAHangAreToldApart() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            int status;
            String type;
            String body;
            if (request.length == 1) {
                status = 424;
                type = "ModelError";
                body = "{\"Message\":\"Received server error (503)\",\"OriginalStatusCode\":503,\"OriginalMessage\":"
                        + "\"{\\\"error\\\":{\\\"code\\\":\\\"overloaded\\\",\\\"message\\\":\\\"2 requests in "
                        + "progress\\\"}}\",\"LogStreamArn\":\"data/logs/endpoint-blue.log\"}";
            } else if (request.length == 2) {
                status = 503;
                type = "ServiceUnavailable";
                body = "{\"message\":\"No inference process could take the request\"}";
            } else {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                status = 200;
                type = null;
                body = "{}";
            }
            if (type != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            FrontDoorInvoker impatient = invoker(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/endpoints/e/invocations"), Optional.of(description(Status.IN_SERVICE, null)),
                    Duration.ofMillis(500));
            assertReason(() -> impatient.invoke(new byte[] {1}, "image/jpeg"), Reason.OVERLOADED,
                    "busy with other requests");
            assertReason(() -> impatient.invoke(new byte[] {1, 2}, "image/jpeg"), Reason.UNAVAILABLE,
                    "may be restarting");
            long started = System.nanoTime();
            assertReason(() -> impatient.invoke(new byte[] {1, 2, 3}, "image/png"), Reason.TIMEOUT,
                    "did not answer");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time until the timeout was reported")
                    .isLessThan(Duration.ofSeconds(2));
        } finally {
            server.stop(0);
        }
    }

    private static FrontDoorInvoker invoker(URI url, Optional<EndpointDescription> description, Duration timeout) {
        return new FrontDoorInvoker("e", () -> url, () -> description, timeout, Clock.systemUTC());
    }

    private static EndpointDescription description(Status status, EndpointDescription.VariantStatus variantStatus) {
        ServedModel model = new ServedModel("m", 1, "file:/m.tflite", null);
        return new EndpointDescription("e", status, null, "e-config", List.of(new EndpointDescription.Variant("blue",
                model, "ml.m5.xlarge", status == Status.IN_SERVICE ? 1 : 0, 1, 1, 1,
                variantStatus == null ? List.of() : List.of(variantStatus))), null, Instant.now(), Instant.now());
    }
}
