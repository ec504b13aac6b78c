package com.poseops.pose.local;

import com.poseops.endpoints.EndpointRuntime;
import com.poseops.endpoints.EndpointStatus;
import com.poseops.pose.EndpointClient;
import com.poseops.pose.EndpointException;
import com.poseops.pose.EndpointException.Reason;
import com.poseops.pose.EndpointPrediction;
import com.poseops.pose.PoseResult;
import com.poseops.pose.PoseResultParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Pose predictions from the local endpoint: {@code POST <route>/invocations} with the JSON contract of
 * inference/README.md, over the JDK's HTTP client on loopback. The route comes from the {@link EndpointRuntime} on each
 * request, so a restarted (or, later, a switched blue/green) endpoint is picked up at once.
 */
public final class LocalEndpointClient implements EndpointClient {

    /** The server answers a 640×480 JPEG in tens of milliseconds; 30 s means it is stuck, not slow. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final EndpointRuntime runtime;
    private final Duration timeout;
    private final HttpClient http;

    public LocalEndpointClient(EndpointRuntime runtime) {
        this(runtime, DEFAULT_TIMEOUT);
    }

    public LocalEndpointClient(EndpointRuntime runtime, Duration timeout) {
        this.runtime = runtime;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public EndpointPrediction invoke(byte[] image, String contentType) {
        if (!SUPPORTED_CONTENT_TYPES.contains(contentType)) {
            throw new EndpointException(Reason.UNSUPPORTED_TYPE,
                    "The endpoint takes only JPEG or PNG images — upload a .jpg or .png file.");
        }
        if (image.length > MAX_IMAGE_BYTES) {
            throw new EndpointException(Reason.TOO_LARGE, "The image is " + image.length / 1024 + " KB; the endpoint "
                    + "takes at most " + MAX_IMAGE_BYTES / (1024 * 1024) + " MB — upload a smaller image.");
        }
        EndpointStatus status = runtime.status();
        EndpointRuntime.Route route = runtime.route().orElseThrow(() -> new EndpointException(Reason.NOT_IN_SERVICE,
                "No endpoint is serving yet — " + status.message() + " Your upload is kept: retry it from the "
                        + "history once the status says the endpoint is serving."));
        HttpRequest request = HttpRequest.newBuilder(route.baseUri().resolve("/invocations"))
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                .build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(PoseResultParser.MAX_RESPONSE_BYTES + 1);
            }
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new EndpointException(Reason.UNAVAILABLE, "The local endpoint is not answering (it may be "
                    + "restarting) — try again in a few seconds; your upload is kept in the history.", e);
        } catch (HttpTimeoutException e) {
            throw new EndpointException(Reason.TIMEOUT, "The local endpoint did not answer within "
                    + timeout.toSeconds() + " s — try again; if it keeps happening, check "
                    + "<dataDir>/logs/endpoint-" + route.variant() + ".log.", e);
        } catch (IOException e) {
            throw new EndpointException(Reason.UNAVAILABLE, "The connection to the local endpoint failed ("
                    + PoseResultParser.printable(String.valueOf(e.getMessage()), 120)
                    + ") — it may be restarting; try again in a few seconds.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(Reason.UNAVAILABLE, "The request was interrupted — try again.", e);
        }
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - started);
        int code = response.statusCode();
        if (code == 200) {
            PoseResult result = PoseResultParser.parse(body);
            return new EndpointPrediction(result, status.endpointName(), route.variant(), roundTrip);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Optional<EndpointException> fromServer = PoseResultParser.errorFrom(text);
        if (fromServer.isPresent()) {
            throw fromServer.get();
        }
        throw switch (code) {
            case 503 -> new EndpointException(Reason.OVERLOADED,
                    "The local endpoint is busy or not ready (HTTP 503) — try again in a few seconds.");
            case 413 -> new EndpointException(Reason.TOO_LARGE,
                    "The image is too large for the endpoint — upload a smaller image (at most 6 MB).");
            case 415 -> new EndpointException(Reason.UNSUPPORTED_TYPE,
                    "The endpoint does not take this kind of file — upload a JPEG or PNG image.");
            case 400 -> new EndpointException(Reason.INVALID_IMAGE,
                    "The endpoint could not read this image — upload a valid JPEG or PNG photo.");
            default -> new EndpointException(Reason.MODEL_ERROR, "The local endpoint answered HTTP " + code
                    + " — try again; if it keeps failing, check <dataDir>/logs/endpoint-" + route.variant() + ".log.");
        };
    }
}
