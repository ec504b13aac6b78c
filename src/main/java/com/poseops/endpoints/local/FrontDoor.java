package com.poseops.endpoints.local;

import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.EndpointSummary;
import com.poseops.endpoints.InvocationObserver;
import com.poseops.endpoints.InvocationObserver.RoutedInvocation;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local endpoint's stable address: answers SageMaker Runtime's InvokeEndpoint,
 * {@code POST /endpoints/{EndpointName}/invocations}, on 127.0.0.1, so that the AWS SDK's
 * {@code SageMakerRuntimeClient} or boto3's {@code sagemaker-runtime} client with an endpoint override work unchanged
 * (signature headers are accepted and ignored). Body, {@code Content-Type} and {@code Accept} pass through to a
 * process of the fleet the {@link TrafficRouter} picks; the answer carries {@code x-Amzn-Invoked-Production-Variant}.
 * A model's error answer becomes SageMaker's 424 ModelError with {@code OriginalStatusCode} and
 * {@code OriginalMessage}. A request that fails on its way to a process (one just stopped by the watchdog) is sent to
 * another one, so a stopped process never costs a request.
 * <p>
 * After each answer every {@link InvocationObserver} is told, with ModelLatency (the variant's answer time) and
 * OverheadLatency (the front door's own time around it), as SageMaker measures them.
 */
final class FrontDoor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrontDoor.class);
    private static final Pattern INVOCATIONS = Pattern.compile("/endpoints/([^/]+)/invocations");
    static final String VARIANT_HEADER = "x-Amzn-Invoked-Production-Variant";
    private static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /** SageMaker gives the container 60 s to answer. */
    private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_RESPONSE_BYTES = EndpointInvoker.MAX_BODY_BYTES;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String endpointName;
    private final int requestedPort;
    private final TrafficRouter router;
    private final LocalAlarms alarms;
    private final Supplier<List<InvocationObserver>> observers;
    private final Supplier<Optional<EndpointDescription>> endpoint;
    private final Path logDirectory;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile @Nullable HttpServer server;

    FrontDoor(String endpointName, int port, TrafficRouter router, LocalAlarms alarms,
            Supplier<List<InvocationObserver>> observers, Supplier<Optional<EndpointDescription>> endpoint,
            Path logDirectory, Clock clock) {
        this.endpointName = endpointName;
        this.requestedPort = port;
        this.router = router;
        this.alarms = alarms;
        this.observers = observers;
        this.endpoint = endpoint;
        this.logDirectory = logDirectory;
        this.clock = clock;
    }

    /** Binds 127.0.0.1 on the configured port (0: a free one) and starts answering. */
    void start() throws IOException {
        // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm can hold the body back
        // until the client acknowledges the headers (read once by the JDK's server, hence before it is created).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer started;
        try {
            started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
        } catch (IOException e) {
            throw new IOException("The local endpoint's front door cannot listen on 127.0.0.1:" + requestedPort + " ("
                    + e.getMessage() + "). Is another PoseOps running? Set LocalEndpoint.port "
                    + "(POSEOPS_LOCAL_ENDPOINT_PORT) to a free port, or 0 for any.", e);
        }
        started.setExecutor(executor);
        started.createContext("/", this::handle);
        started.start();
        server = started;
        log.info("Local endpoint front door: POST {} (SageMaker Runtime InvokeEndpoint)", invocationUrl());
    }

    int port() {
        HttpServer running = server;
        return running == null ? requestedPort : running.getAddress().getPort();
    }

    URI invocationUrl() {
        return URI.create("http://127.0.0.1:" + port() + "/endpoints/" + endpointName + "/invocations");
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            Matcher match = INVOCATIONS.matcher(exchange.getRequestURI().getRawPath());
            if (!match.matches() || !"POST".equals(exchange.getRequestMethod())) {
                drain(exchange);
                sendError(exchange, 404, "UnknownOperationException", "The local front door answers only "
                        + "POST /endpoints/{EndpointName}/invocations (SageMaker Runtime InvokeEndpoint).");
                return;
            }
            String name = URLDecoder.decode(match.group(1), StandardCharsets.UTF_8);
            if (!name.equals(endpointName)) {
                drain(exchange);
                sendError(exchange, 400, "ValidationError", "Endpoint " + name + " not found. This console's "
                        + "local endpoint is " + endpointName + ".");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(EndpointInvoker.MAX_BODY_BYTES + 1);
            }
            if (body.length > EndpointInvoker.MAX_BODY_BYTES) {
                sendError(exchange, 413, "ValidationError", "The request body is larger than "
                        + EndpointInvoker.MAX_BODY_BYTES / (1024 * 1024) + " MB, SageMaker's limit.");
                return;
            }
            invoke(exchange, body, started);
        }
    }

    private void invoke(HttpExchange exchange, byte[] body, long started) throws IOException {
        String contentType = header(exchange, "Content-Type", "application/octet-stream");
        String accept = header(exchange, "Accept", "*/*");
        Optional<Backend.Lease> lease = router.lease(null);
        if (lease.isEmpty()) {
            refuse(exchange, body, contentType, started);
            return;
        }
        Answer answer = forward(lease.get(), body, contentType, accept);
        if (answer.failedOnTheWay() != null) {
            // the process went away under the request (stopped, restarting): another one takes it
            Optional<Backend.Lease> second = router.lease(lease.get());
            if (second.isPresent()) {
                answer = forward(second.get(), body, contentType, accept);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int status;
        byte[] responseBody;
        String responseType;
        if (answer.failedOnTheWay() != null) {
            status = 503;
            responseType = "application/json";
            headers.put(ERROR_TYPE_HEADER, "ServiceUnavailable");
            responseBody = json(Map.of("message", "No inference process of endpoint " + endpointName
                    + " could take the request (" + answer.failedOnTheWay() + "). Try again in a few seconds."));
        } else if (answer.timedOut()) {
            status = 424;
            responseType = "application/json";
            headers.put(ERROR_TYPE_HEADER, "ModelError");
            responseBody = modelError(answer, 408, "Your invocation timed out while waiting for a response from "
                    + "the model after " + MODEL_TIMEOUT.toSeconds() + " s.");
        } else if (answer.status() / 100 == 2) {
            status = answer.status();
            responseType = answer.contentType();
            responseBody = answer.body();
        } else {
            status = 424;
            responseType = "application/json";
            headers.put(ERROR_TYPE_HEADER, "ModelError");
            responseBody = modelError(answer, answer.status(), new String(answer.body(), StandardCharsets.UTF_8));
        }
        if (answer.variant() != null) {
            headers.put(VARIANT_HEADER, answer.variant());
        }
        send(exchange, status, responseType, headers, responseBody);
        long total = (System.nanoTime() - started) / 1000;
        boolean serverError = status / 100 == 5 || answer.status() / 100 == 5 || answer.timedOut();
        Instant at = clock.instant();
        alarms.record(at, answer.configName(), answer.modelMicros(), serverError);
        notify(new RoutedInvocation(at, endpointName, answer.variant(), answer.configName(), status,
                answer.modelMicros(), Math.max(0, total - answer.modelMicros()), contentType, body, responseType,
                responseBody));
    }

    /** What a variant's process answered (or how the attempt failed). */
    private record Answer(@Nullable String variant, @Nullable String configName, @Nullable Path logFile, int status,
            @Nullable String contentType, byte[] body, long modelMicros, boolean timedOut,
            @Nullable String failedOnTheWay) {
    }

    private Answer forward(Backend.Lease lease, byte[] body, String contentType, String accept) {
        Backend backend = lease.backend();
        String variant = backend.variantName();
        String config = backend.configName();
        Path logFile = backend.process().logFile();
        HttpRequest request = HttpRequest.newBuilder(lease.baseUri().resolve("/invocations"))
                .timeout(MODEL_TIMEOUT)
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long sent = System.nanoTime();
        try (lease) {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_RESPONSE_BYTES);
            }
            long micros = (System.nanoTime() - sent) / 1000;
            return new Answer(variant, config, logFile, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), answer, micros, false,
                    null);
        } catch (HttpTimeoutException e) {
            return new Answer(variant, config, logFile, 0, null, new byte[0], (System.nanoTime() - sent) / 1000, true,
                    null);
        } catch (IOException e) {
            return new Answer(variant, config, logFile, 0, null, new byte[0], (System.nanoTime() - sent) / 1000,
                    false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(variant, config, logFile, 0, null, new byte[0], 0, false, "interrupted");
        }
    }

    /** Nothing can take the request: the endpoint does not exist, is not in service, or every process is down. */
    private void refuse(HttpExchange exchange, byte[] body, String contentType, long started) throws IOException {
        Optional<EndpointDescription> description = endpoint.get();
        String summary = EndpointSummary.of(new EndpointSnapshot(endpointName, description.orElse(null), null,
                clock.instant(), null, invocationUrl())).sentence();
        boolean transient_ = description.isPresent() && description.get().status().transitional()
                || description.isPresent() && description.get().status()
                        == EndpointDescription.Status.OUT_OF_SERVICE;
        int status = transient_ ? 503 : 400;
        byte[] response = json(Map.of("message", summary));
        send(exchange, status, "application/json",
                Map.of(ERROR_TYPE_HEADER, transient_ ? "ServiceUnavailable" : "ValidationError"), response);
        long total = (System.nanoTime() - started) / 1000;
        notify(new RoutedInvocation(clock.instant(), endpointName, null, null, status, 0, total, contentType, body,
                "application/json", response));
    }

    private byte[] modelError(Answer answer, int originalStatus, String originalMessage) {
        String log = answer.logFile() == null ? logDirectory.toString() : answer.logFile().toString();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ErrorCode", originalStatus / 100 == 4 ? "CLIENT_ERROR_FROM_MODEL" : "SERVER_ERROR_FROM_MODEL");
        error.put("LogStreamArn", log);
        error.put("Message", "Received " + (originalStatus / 100 == 4 ? "client" : "server") + " error ("
                + originalStatus + ") from " + answer.variant() + " with message \"" + originalMessage + "\". See "
                + log + " for more information.");
        error.put("OriginalMessage", originalMessage);
        error.put("OriginalStatusCode", originalStatus);
        return json(error);
    }

    private void notify(RoutedInvocation invocation) {
        for (InvocationObserver observer : observers.get()) {
            try {
                observer.observed(invocation);
            } catch (RuntimeException e) {
                log.debug("An invocation observer failed", e);
            }
        }
    }

    private void sendError(HttpExchange exchange, int status, String type, String message) throws IOException {
        send(exchange, status, "application/json", Map.of(ERROR_TYPE_HEADER, type), json(Map.of("message", message)));
    }

    private static void send(HttpExchange exchange, int status, @Nullable String contentType,
            Map<String, String> headers, byte[] body) throws IOException {
        var responseHeaders = exchange.getResponseHeaders();
        if (contentType != null) {
            responseHeaders.set("Content-Type", contentType);
        }
        responseHeaders.set("x-amzn-RequestId", UUID.randomUUID().toString());
        headers.forEach(responseHeaders::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.skip(EndpointInvoker.MAX_BODY_BYTES);
        }
    }

    private static String header(HttpExchange exchange, String name, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static byte[] json(Map<String, ?> value) {
        return JSON.writeValueAsBytes(value);
    }

    @Override
    public void close() {
        HttpServer running = server;
        if (running != null) {
            running.stop(0);
        }
        executor.shutdownNow();
    }
}
