package com.poseops.endpoints.local;

import com.poseops.endpoints.ContainerErrors;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.EndpointSummary;
import com.poseops.endpoints.Invocation;
import com.poseops.platform.Text;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * InvokeEndpoint in local mode: {@code POST} to the local front door, exactly what any SageMaker Runtime client does,
 * so the Pose page's requests are routed, measured and shifted blue/green like everyone else's. Before sending, the
 * control plane's state (in memory) tells "nothing deployed" and "not in service" apart, with what is going on (a
 * download, a restart) in the message.
 */
public final class FrontDoorInvoker implements EndpointInvoker {

    /** The server answers a 640×480 JPEG in tens of milliseconds; 65 s means it is stuck (SageMaker allows 60 s). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(65);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String endpointName;
    private final Supplier<URI> invocationUrl;
    private final Supplier<Optional<EndpointDescription>> endpoint;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public FrontDoorInvoker(LocalControlPlane controlPlane) {
        this(controlPlane.endpointName(), controlPlane::invocationUrl, controlPlane::describe, DEFAULT_TIMEOUT,
                Clock.systemUTC());
    }

    FrontDoorInvoker(String endpointName, Supplier<URI> invocationUrl,
            Supplier<Optional<EndpointDescription>> endpoint, Duration timeout, Clock clock) {
        this.endpointName = endpointName;
        this.invocationUrl = invocationUrl;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Invocation invoke(byte[] body, String contentType) {
        if (!SUPPORTED_CONTENT_TYPES.contains(contentType)) {
            throw new EndpointException(Reason.UNSUPPORTED_TYPE,
                    "The endpoint takes only JPEG or PNG images — upload a .jpg or .png file.");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new EndpointException(Reason.TOO_LARGE, "The image is " + body.length / 1024 + " KB; the endpoint "
                    + "takes at most " + MAX_BODY_BYTES / (1024 * 1024) + " MB — upload a smaller image.");
        }
        requireServing();
        URI url = invocationUrl.get();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_BODY_BYTES);
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new EndpointException(Reason.UNAVAILABLE, "The local endpoint's front door (" + url + ") is not "
                    + "answering — try again in a few seconds; your upload is kept in the history.", e);
        } catch (HttpTimeoutException e) {
            throw new EndpointException(Reason.TIMEOUT, "The local endpoint did not answer within "
                    + timeout.toSeconds() + " s — try again; if it keeps happening, look at the latency on the "
                    + "Monitoring page.", e);
        } catch (IOException e) {
            throw new EndpointException(Reason.UNAVAILABLE, "The connection to the local endpoint failed ("
                    + Text.printable(String.valueOf(e.getMessage()), 120)
                    + ") — it may be restarting; try again in a few seconds.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(Reason.UNAVAILABLE, "The request was interrupted — try again.", e);
        }
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - started);
        int status = response.statusCode();
        if (status == 200) {
            String variant = response.headers().firstValue(FrontDoor.VARIANT_HEADER).orElse(null);
            return new Invocation(endpointName, variant, answer, roundTrip);
        }
        throw failure(status, response.headers().firstValue("x-amzn-ErrorType").orElse(""),
                new String(answer, StandardCharsets.UTF_8));
    }

    /** Refuses early, with what is going on, when there is no endpoint or it does not take requests now. */
    private void requireServing() {
        Optional<EndpointDescription> description = endpoint.get();
        if (description.isPresent() && description.get().status().servesTraffic()) {
            return;
        }
        EndpointSummary summary = EndpointSummary.of(new EndpointSnapshot(endpointName, description.orElse(null),
                null, clock.instant(), null, invocationUrl.get()));
        String kept = " Your upload is kept: retry it from the history once the endpoint is InService.";
        throw description.isEmpty()
                ? new EndpointException(Reason.NOT_DEPLOYED, "No endpoint is serving yet — " + summary.sentence() + kept)
                : new EndpointException(Reason.NOT_IN_SERVICE, "No endpoint is serving yet — " + summary.sentence()
                        + kept);
    }

    private static EndpointException failure(int status, String errorType, String body) {
        JsonNode document = json(body);
        String message = document == null ? body : text(document, "message", text(document, "Message", body));
        if (status == 424 || errorType.startsWith("ModelError")) {
            int original = document == null ? 0 : document.path("OriginalStatusCode").asInt(0);
            String originalMessage = document == null ? body : text(document, "OriginalMessage", message);
            String log = document == null ? "the endpoint's log" : text(document, "LogStreamArn", "the endpoint's log");
            return ContainerErrors.fromModelError(original, originalMessage, log, null);
        }
        String detail = Text.printable(message, 300);
        return switch (status) {
            case 503, 429 -> new EndpointException(Reason.UNAVAILABLE, "The local endpoint is not answering (it may "
                    + "be restarting): " + detail + " — try again in a few seconds; your upload is kept in the "
                    + "history.");
            case 413 -> new EndpointException(Reason.TOO_LARGE, "The image is too large for the endpoint (" + detail
                    + ") — upload a smaller image (at most 6 MB).");
            case 400 -> new EndpointException(Reason.NOT_IN_SERVICE, "The endpoint refused the request: " + detail);
            default -> new EndpointException(Reason.UNAVAILABLE, "The local endpoint's front door answered HTTP "
                    + status + " (" + detail + ") — try again; if it keeps failing, see the console's log.");
        };
    }

    private static @Nullable JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode document, String field, String fallback) {
        JsonNode node = document.get(field);
        return node != null && node.isString() ? node.stringValue() : fallback;
    }
}
