package com.poseops.inference.server;

import com.poseops.inference.ErrorCode;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.PoseEstimator;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.image.ImageHeader;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The inference HTTP server (SageMaker bring-your-own-container contract) on the JDK's built-in HTTP server.
 *
 * <ul>
 * <li>{@code GET /ping}: 200 once the model is loaded and warmed up, 503 {@code model_not_ready} before (and while
 * shutting down).</li>
 * <li>{@code POST /invocations} with {@code image/jpeg}, {@code image/png} or {@code application/x-image}: the pose as
 * JSON (see inference/README.md), or {@code {"error":{"code","message"}}}.</li>
 * </ul>
 *
 * <p>Threads: connections are served by virtual threads (reading the body is I/O); the CPU work (decode, resize,
 * inference) runs on the connection's own thread while an interpreter is free (at most {@code workers} at once: no
 * hand-off, no thread wake-up), otherwise on {@code workers} platform threads fed by a queue of {@code queueCapacity}.
 * When both are full a request is answered 503 {@code overloaded} at once instead of piling up. The thread that ran
 * the model also writes the response. (A virtual thread in native code keeps its carrier busy for the few
 * milliseconds of one inference; with at most {@code workers} of them, other connections wait at most that long.)
 *
 * <p>Heavy images (see {@link ServerConfig#isHeavy}) go to a lane of their own: one thread, one waiting place. Their
 * decode (seconds for a 40 MP progressive CMYK JPEG, hundreds of MB of decoder memory) then never occupies the
 * normal workers, at most one such decode runs at a time, and a third heavy request is refused with 503 at once.
 *
 * <p>Connections: a request must arrive completely within the request timeout, an idle keep-alive connection is
 * closed after the idle timeout, and connections beyond the maximum are closed at once
 * ({@link ServerConfig.Connections}).
 */
public final class InferenceServer implements AutoCloseable {

    /** Loads (and warms up) the estimator; runs in the background while /ping answers 503. */
    @FunctionalInterface
    public interface EstimatorLoader {
        PoseEstimator load() throws Exception;
    }

    private static final Logger LOG = System.getLogger(InferenceServer.class.getName());
    /** Images up to this size may run on their connection's thread (decision 0043): their decode takes milliseconds. */
    static final long INLINE_MAX_PIXELS = 4_000_000L;

    static {
        // The JDK server leaves Nagle's algorithm on by default: headers and body then go out as two small segments
        // and the second waits for the client's delayed ACK (up to 40 ms). Must be set before the first server exists.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ServerConfig config;
    private final HttpServer http;
    private final ExecutorService connectionThreads;
    private final ThreadPoolExecutor inferenceWorkers;
    private final ThreadPoolExecutor heavyLane;
    /** Heavy requests accepted at once: one decoding, one waiting. */
    private final java.util.concurrent.Semaphore heavyPermits = new java.util.concurrent.Semaphore(2);
    private final CompletableFuture<PoseEstimator> readiness = new CompletableFuture<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drained = new Object();
    /** Requests that may run on their connection's thread at once (one per interpreter). */
    private final java.util.concurrent.Semaphore inlineSlots;
    private volatile @Nullable PoseEstimator estimator;
    private volatile boolean stopping;
    private volatile @Nullable String loadFailure;

    private InferenceServer(ServerConfig config, HttpServer http) {
        this.config = config;
        this.http = http;
        this.connectionThreads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("http-", 0).factory());
        this.inferenceWorkers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS,
                config.queueCapacity() == 0 ? new java.util.concurrent.SynchronousQueue<>()
                        : new ArrayBlockingQueue<>(config.queueCapacity()),
                Thread.ofPlatform().name("inference-", 0).daemon(false).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.inferenceWorkers.prestartAllCoreThreads();
        this.inlineSlots = new java.util.concurrent.Semaphore(config.workers());
        // Admission is counted by heavyPermits (a queue of capacity 1 could refuse the second request while the lane's
        // idle thread has not yet taken the first one off it).
        this.heavyLane = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("inference-heavy-", 0).daemon(false).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        http.setExecutor(connectionThreads);
        http.createContext("/", this::route);
    }

    /**
     * Binds the port and starts answering at once (/ping 503), loads the estimator in the background, then reports
     * ready. {@link #readiness()} completes when loading finished (or failed).
     *
     * @throws IOException if the address cannot be bound (port in use, …)
     */
    public static InferenceServer start(ServerConfig config, EstimatorLoader loader) throws IOException {
        config.connections().applyToJdkServer();
        HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        InferenceServer server = new InferenceServer(config, http);
        http.start();
        LOG.log(Level.INFO, "Listening on {0}:{1,number,#} ({2} workers, queue {3}); loading the model…",
                config.bindAddress(), server.port(), config.workers(), config.queueCapacity());
        Thread.ofPlatform().name("model-loader").start(() -> server.load(loader));
        return server;
    }

    private void load(EstimatorLoader loader) {
        long start = System.nanoTime();
        try {
            PoseEstimator loaded = loader.load();
            // Logged before /ping can answer 200, so that the line is there once the server is ready.
            LOG.log(Level.INFO, "JPEG decoder: {0}; crop refinement: {1}", loaded.jpegDecoder(),
                    config.refinement().label());
            synchronized (this) {
                if (stopping) {
                    loaded.close(); // stopped while loading
                    readiness.cancel(false);
                    return;
                }
                estimator = loaded;
            }
            LOG.log(Level.INFO, "Ready: model {0} ({1}×{1} {2}) loaded and warmed up in {3,number,#} ms",
                    loaded.model().name(), loaded.model().inputSize(), loaded.model().inputType(),
                    (System.nanoTime() - start) / 1_000_000);
            readiness.complete(loaded);
        } catch (Throwable e) {
            loadFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.log(Level.ERROR, "The model could not be loaded: " + loadFailure,
                    e instanceof com.poseops.inference.ModelLoadException ? null : e);
            readiness.completeExceptionally(e);
        }
    }

    /** Completes with the estimator once it is loaded and warmed up; completes exceptionally if loading failed. */
    public CompletableFuture<PoseEstimator> readiness() {
        return readiness;
    }

    /** True once {@link #stop()} was called. */
    public boolean isStopping() {
        return stopping;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    // ------------------------------------------------------------------ routing

    private void route(HttpExchange exchange) {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            switch (path) {
                case "/ping" -> {
                    if (method.equals("GET") || method.equals("HEAD")) {
                        ping(exchange);
                    } else {
                        HttpExchanges.refuse(exchange, ErrorCode.METHOD_NOT_ALLOWED, "/ping answers GET (and HEAD), not " + method
                                + ".");
                    }
                }
                case "/invocations" -> {
                    if (method.equals("POST")) {
                        invocations(exchange);
                    } else {
                        HttpExchanges.refuse(exchange, ErrorCode.METHOD_NOT_ALLOWED, "/invocations answers POST with an image "
                                + "body, not " + method + ".");
                    }
                }
                default -> HttpExchanges.refuse(exchange, ErrorCode.NOT_FOUND, "No such endpoint: " + path
                        + ". This server answers GET /ping and POST /invocations.");
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or sent something the HTTP layer cannot parse; nothing left to answer.
            LOG.log(Level.DEBUG, "connection error: {0}", e.toString());
            exchange.close();
        }
    }

    private void ping(HttpExchange exchange) throws IOException {
        PoseEstimator ready = estimator;
        if (ready != null && !stopping) {
            HttpExchanges.send(exchange, 200, JsonResponses.ready(ready.model()));
        } else {
            HttpExchanges.refuse(exchange, ErrorCode.MODEL_NOT_READY, notReadyMessage());
        }
    }

    private String notReadyMessage() {
        if (stopping) {
            return "The server is shutting down.";
        }
        String failure = loadFailure;
        if (failure != null) {
            return "The model failed to load: " + failure;
        }
        return "The model is still loading and warming up; retry in a few seconds.";
    }

    private void invocations(HttpExchange exchange) throws IOException {
        PoseEstimator ready = estimator;
        if (ready == null || stopping) {
            HttpExchanges.refuse(exchange, ErrorCode.MODEL_NOT_READY, notReadyMessage());
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!HttpExchanges.acceptedContentType(contentType)) {
            HttpExchanges.refuse(exchange, ErrorCode.UNSUPPORTED_MEDIA_TYPE, (contentType == null
                    ? "The request has no Content-Type."
                    : "Content-Type " + contentType + " is not accepted.")
                    + " Send the image bytes with Content-Type image/jpeg, image/png or application/x-image.");
            return;
        }
        HttpExchanges.Body body = HttpExchanges.readBody(exchange, config.maxBodyBytes());
        if (body == null) {
            return; // already answered 413
        }
        long received = System.nanoTime();
        ImageHeader header = header(body);
        boolean heavy = header != null && config.isHeavy(header.pixels(), header.progressive());
        boolean small = header == null || header.pixels() <= INLINE_MAX_PIXELS;
        inFlight.incrementAndGet();
        if (stopping) { // checked again after counting: stop() now waits for this request, or it is refused here
            finished();
            HttpExchanges.refuse(exchange, ErrorCode.MODEL_NOT_READY, notReadyMessage());
            return;
        }
        if (small && inlineSlots.tryAcquire()) {
            // An interpreter is free and the image is small: run on this connection's thread and skip the hand-off
            // to a worker (a thread wake-up per request). At most `workers` such runs, each a few ms; the others —
            // and every larger image, whose decode would keep a virtual-thread carrier busy for long — queue for the
            // workers as before.
            try {
                infer(exchange, ready, body, received);
            } finally {
                inlineSlots.release();
            }
            return;
        }
        try {
            if (heavy) {
                if (!heavyPermits.tryAcquire()) {
                    throw new RejectedExecutionException("heavy lane full");
                }
                try {
                    heavyLane.execute(() -> {
                        try {
                            infer(exchange, ready, body, received);
                        } finally {
                            heavyPermits.release();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    heavyPermits.release();
                    throw e;
                }
            } else {
                inferenceWorkers.execute(() -> infer(exchange, ready, body, received));
            }
        } catch (RejectedExecutionException e) {
            finished();
            if (stopping) {
                HttpExchanges.refuse(exchange, ErrorCode.MODEL_NOT_READY, notReadyMessage());
                return;
            }
            HttpExchanges.refuse(exchange, ErrorCode.OVERLOADED, heavy
                    ? "The server is already decoding a very large image and has one more waiting; large images "
                    + "(over " + config.heavyImagePixels() / 1_000_000 + " MP) are taken one at a time so that "
                    + "normal requests keep flowing. Retry shortly, or send a smaller image."
                    : "The server is at capacity (" + config.workers() + " requests running, "
                    + config.queueCapacity() + " waiting). Retry shortly, or add instances/workers.");
        }
    }

    /**
     * The image header (read in microseconds), or null when it is broken: such a request is refused by the engine
     * with its message, quickly.
     */
    private static @Nullable ImageHeader header(HttpExchanges.Body body) {
        try {
            return ImageHeader.read(body.bytes(), body.length(), Long.MAX_VALUE);
        } catch (ImageRejectedException e) {
            return null;
        }
    }

    /** One accepted request answered (or refused after all); wakes stop() when it was the last. */
    private void finished() {
        if (inFlight.decrementAndGet() == 0 && stopping) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Requests accepted and not yet answered (running inline or on a worker, queued, both lanes). */
    int inFlight() {
        return inFlight.get();
    }

    /** Runs on an inference worker; answers the request itself. */
    private void infer(HttpExchange exchange, PoseEstimator ready, HttpExchanges.Body body, long received) {
        try {
            byte[] json;
            int status = 200;
            try {
                PosePrediction prediction = ready.estimate(body.bytes(), body.length());
                double totalMs = (System.nanoTime() - received) / 1e6;
                json = JsonResponses.prediction(prediction.withTimings(prediction.timings().withTotalMs(totalMs)));
            } catch (ImageRejectedException e) {
                HttpExchanges.log(e.code(), e.getMessage());
                status = e.code().httpStatus();
                json = JsonResponses.error(e.code(), e.getMessage());
            } catch (RuntimeException e) {
                if (stopping) {
                    // A failure while the server stops is answered as "shutting down" so that the client retries
                    // (elsewhere). Not an engine closed under this request: stop() closes it only once every worker
                    // has finished.
                    status = ErrorCode.MODEL_NOT_READY.httpStatus();
                    json = JsonResponses.error(ErrorCode.MODEL_NOT_READY, "The server is shutting down; retry.");
                } else {
                    LOG.log(Level.ERROR, "Inference failed", e);
                    status = ErrorCode.INTERNAL_ERROR.httpStatus();
                    json = JsonResponses.error(ErrorCode.INTERNAL_ERROR, "Inference failed ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "). The server log has details.");
                }
            }
            HttpExchanges.send(exchange, status, json);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send the response: {0}", e.toString());
            exchange.close();
        } finally {
            finished();
        }
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * Graceful stop: /ping turns 503 and new requests are refused, requests already accepted (running or queued)
     * finish and get their answer, then the model is released. Waits at most the configured grace period.
     */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        LOG.log(Level.INFO, "Stopping: finishing {0} in-flight request(s)…", inFlight.get());
        // Accepted requests (running or queued) are answered by the workers; wait for them before closing sockets.
        inferenceWorkers.shutdown();
        heavyLane.shutdown();
        try {
            inferenceWorkers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            heavyLane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            synchronized (drained) { // requests running on their connection's thread
                for (long left; inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0; ) {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int secondsLeft = (int) Math.max(0, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
        http.stop(Math.min(secondsLeft, 1)); // responses are written; give the last bytes a moment to leave
        connectionThreads.shutdownNow();
        PoseEstimator loaded = estimator;
        if (loaded != null && inferenceWorkers.isTerminated() && heavyLane.isTerminated() && inFlight.get() == 0) {
            loaded.close();
        }
        readiness.cancel(false);
        LOG.log(Level.INFO, "Stopped.");
    }

    @Override
    public void close() {
        stop();
    }

}
