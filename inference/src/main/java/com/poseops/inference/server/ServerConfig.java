package com.poseops.inference.server;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.ModelLoadException;
import com.poseops.inference.Preprocessing;
import com.poseops.inference.RefinementMode;
import com.poseops.inference.image.JpegDecoders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Settings of the inference server, normally read from environment variables (see inference/README.md):
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><td>SAGEMAKER_BIND_TO_PORT</td><td>port, default 8080</td></tr>
 * <tr><td>INFERENCE_BIND_ADDRESS</td><td>address to listen on, default 0.0.0.0 (the console uses 127.0.0.1)</td></tr>
 * <tr><td>MODEL_PATH</td><td>a .tflite file; else the first .tflite under MODEL_DIR (default /opt/ml/model)</td></tr>
 * <tr><td>INFERENCE_WORKERS</td><td>interpreters = requests processed at once, default: CPU cores</td></tr>
 * <tr><td>INFERENCE_QUEUE_CAPACITY</td><td>requests that may wait for a worker, default 2 × workers</td></tr>
 * <tr><td>INFERENCE_THREADS_PER_WORKER</td><td>TFLite threads per interpreter, default 1</td></tr>
 * <tr><td>INFERENCE_MAX_BODY_BYTES</td><td>default 6291456 (6 MiB, SageMaker's limit)</td></tr>
 * <tr><td>INFERENCE_MAX_IMAGE_PIXELS</td><td>default 40000000</td></tr>
 * <tr><td>INFERENCE_PREPROCESSING</td><td>letterbox (default) or stretch</td></tr>
 * <tr><td>INFERENCE_SHUTDOWN_GRACE_SECONDS</td><td>time given to in-flight requests on SIGTERM, default 20</td></tr>
 * <tr><td>INFERENCE_CROP_REFINEMENT</td><td>auto (default), off or always: MoveNet's crop-region second pass</td></tr>
 * <tr><td>INFERENCE_JPEG_DECODER</td><td>auto (default: TurboJPEG if installed, else ImageIO), turbojpeg, imageio</td></tr>
 * <tr><td>INFERENCE_TURBOJPEG_LIBRARY</td><td>library name or path, default libturbojpeg.so.0</td></tr>
 * <tr><td>INFERENCE_HEAVY_IMAGE_PIXELS</td><td>images above this (half for progressive) take the one-at-a-time
 * lane, default 16000000</td></tr>
 * <tr><td>INFERENCE_REQUEST_TIMEOUT_SECONDS</td><td>time to receive a request's headers and body, default 20</td></tr>
 * <tr><td>INFERENCE_IDLE_TIMEOUT_SECONDS</td><td>an idle keep-alive connection is closed after this, default 60</td></tr>
 * <tr><td>INFERENCE_MAX_CONNECTIONS</td><td>open connections at most, default 256</td></tr>
 * </table>
 */
public record ServerConfig(
        String bindAddress,
        int port,
        int workers,
        int queueCapacity,
        int threadsPerWorker,
        int maxBodyBytes,
        long maxImagePixels,
        Preprocessing preprocessing,
        Duration shutdownGrace,
        RefinementMode refinement,
        JpegDecoders.Setting jpegDecoding,
        long heavyImagePixels,
        Connections connections) {

    /**
     * Limits on connections, applied to the JDK HTTP server (its {@code sun.net.httpserver.*} and
     * {@code jdk.httpserver.maxConnections} properties, read once per JVM when the first server starts).
     *
     * @param requestTimeout a request's headers and body must arrive within this, or the connection is closed (also
     *                       the limit for a new connection to send its first byte)
     * @param idleTimeout    a keep-alive connection without a request for this long is closed
     * @param maxConnections connections beyond this many are closed as soon as they are accepted
     */
    public record Connections(Duration requestTimeout, Duration idleTimeout, int maxConnections) {
        public Connections {
            require(requestTimeout.toSeconds() >= 1, "request timeout must be at least 1 s");
            require(idleTimeout.toSeconds() >= 1, "idle timeout must be at least 1 s");
            require(maxConnections >= 1, "max connections must be at least 1, got " + maxConnections);
        }

        public static Connections defaults() {
            return new Connections(Duration.ofSeconds(20), Duration.ofSeconds(60), 256);
        }

        /**
         * Sets the JDK server's properties. It reads them once, when its first instance in the JVM is created; a value
         * given on the command line ({@code -Dsun.net.httpserver.maxReqTime=…}) wins.
         */
        void applyToJdkServer() {
            setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(requestTimeout.toSeconds()));
            setIfAbsent("sun.net.httpserver.idleInterval", Long.toString(idleTimeout.toSeconds()));
            setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(maxConnections));
            // How often idle connections are looked for (default 10 s): with 1 s they close within a second of their
            // limit.
            setIfAbsent("sun.net.httpserver.clockTick", "1000");
        }

        private static void setIfAbsent(String property, String value) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, value);
            }
        }
    }

    public static final int DEFAULT_PORT = 8080;
    /** SageMaker refuses InvokeEndpoint payloads over 6 MB; we answer 413 above the same size. */
    public static final int DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;
    public static final String DEFAULT_MODEL_DIR = "/opt/ml/model";
    /** Images above 16 MP (8 MP progressive) are decoded one at a time, beside the normal workers. */
    public static final long DEFAULT_HEAVY_IMAGE_PIXELS = 16_000_000L;

    public ServerConfig {
        require(port >= 0 && port <= 65535, "port must be 0..65535, got " + port);
        require(workers >= 1, "workers must be at least 1, got " + workers);
        require(queueCapacity >= 0, "queue capacity must be 0 or more, got " + queueCapacity);
        require(threadsPerWorker >= 1, "threads per worker must be at least 1, got " + threadsPerWorker);
        require(maxBodyBytes >= 1, "max body bytes must be positive, got " + maxBodyBytes);
        require(maxImagePixels >= 1, "max image pixels must be positive, got " + maxImagePixels);
        require(heavyImagePixels >= 1, "heavy image pixels must be positive, got " + heavyImagePixels);
    }

    /** Defaults for the container: all interfaces, port 8080, one worker per core. */
    public static ServerConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, cores, 2 * cores, 1, DEFAULT_MAX_BODY_BYTES,
                EngineOptions.DEFAULT_MAX_IMAGE_PIXELS, Preprocessing.LETTERBOX, Duration.ofSeconds(20),
                RefinementMode.AUTO, JpegDecoders.Setting.defaults(), DEFAULT_HEAVY_IMAGE_PIXELS,
                Connections.defaults());
    }

    /**
     * Reads the configuration from environment variables.
     *
     * @throws IllegalArgumentException naming the variable and the accepted values when one is wrong
     */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        ServerConfig d = defaults();
        int workers = intVar(env, "INFERENCE_WORKERS", d.workers(), 1, 1024);
        return new ServerConfig(
                env.getOrDefault("INFERENCE_BIND_ADDRESS", d.bindAddress()).trim(),
                intVar(env, "SAGEMAKER_BIND_TO_PORT", d.port(), 0, 65535),
                workers,
                intVar(env, "INFERENCE_QUEUE_CAPACITY", 2 * workers, 0, 100_000),
                intVar(env, "INFERENCE_THREADS_PER_WORKER", d.threadsPerWorker(), 1, 256),
                intVar(env, "INFERENCE_MAX_BODY_BYTES", d.maxBodyBytes(), 1, Integer.MAX_VALUE - 16),
                longVar(env, "INFERENCE_MAX_IMAGE_PIXELS", d.maxImagePixels()),
                preprocessingVar(env, d.preprocessing()),
                Duration.ofSeconds(intVar(env, "INFERENCE_SHUTDOWN_GRACE_SECONDS", (int) d.shutdownGrace().toSeconds(),
                        0, 3600)),
                choiceVar(env, "INFERENCE_CROP_REFINEMENT", d.refinement(), RefinementMode::parse, "auto, off or always"),
                new JpegDecoders.Setting(choiceVar(env, "INFERENCE_JPEG_DECODER", d.jpegDecoding().choice(),
                        JpegDecoders.Choice::parse, "auto, turbojpeg or imageio"),
                        env.getOrDefault("INFERENCE_TURBOJPEG_LIBRARY", d.jpegDecoding().library()).trim()),
                longVar(env, "INFERENCE_HEAVY_IMAGE_PIXELS", d.heavyImagePixels()),
                new Connections(
                        Duration.ofSeconds(intVar(env, "INFERENCE_REQUEST_TIMEOUT_SECONDS",
                                (int) d.connections().requestTimeout().toSeconds(), 1, 3600)),
                        Duration.ofSeconds(intVar(env, "INFERENCE_IDLE_TIMEOUT_SECONDS",
                                (int) d.connections().idleTimeout().toSeconds(), 1, 86_400)),
                        intVar(env, "INFERENCE_MAX_CONNECTIONS", d.connections().maxConnections(), 1, 100_000)));
    }

    /**
     * The model file: {@code MODEL_PATH} if set, else the first {@code .tflite} (in path order) under
     * {@code MODEL_DIR} (default {@code /opt/ml/model}, where SageMaker unpacks model.tar.gz).
     */
    public static Path resolveModel(Map<String, String> env) throws ModelLoadException {
        String modelPath = env.get("MODEL_PATH");
        if (modelPath != null && !modelPath.isBlank()) {
            return Path.of(modelPath.trim());
        }
        Path dir = Path.of(env.getOrDefault("MODEL_DIR", DEFAULT_MODEL_DIR).trim());
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("No model: MODEL_PATH is not set and MODEL_DIR " + dir.toAbsolutePath()
                    + " is not a directory. Set MODEL_PATH to a MoveNet .tflite file (inference/fetch-model downloads"
                    + " one), or mount the model at " + DEFAULT_MODEL_DIR + ".");
        }
        try (Stream<Path> files = Files.walk(dir, 8)) {
            Optional<Path> first = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .endsWith(".tflite")).filter(Files::isRegularFile).min(Comparator.naturalOrder());
            return first.orElseThrow(() -> new ModelLoadException("No .tflite file under " + dir.toAbsolutePath()
                    + ". Put the MoveNet model there (SageMaker unpacks model.tar.gz into " + DEFAULT_MODEL_DIR
                    + ") or set MODEL_PATH to the .tflite file."));
        } catch (IOException e) {
            throw new ModelLoadException("Could not list " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public EngineOptions engineOptions() {
        return EngineOptions.defaults().withWorkers(workers).withThreadsPerInterpreter(threadsPerWorker)
                .withMaxImagePixels(maxImagePixels).withPreprocessing(preprocessing).withRefinement(refinement)
                .withJpegDecoding(jpegDecoding);
    }

    /**
     * True for an image decoded on the one-at-a-time lane: more than {@link #heavyImagePixels()}, or more than half
     * of that when progressive/interlaced (libjpeg keeps every coefficient of a progressive file in memory while
     * decoding it: 2 bytes per pixel per component).
     */
    public boolean isHeavy(long pixels, boolean progressive) {
        return pixels > (progressive ? heavyImagePixels / 2 : heavyImagePixels);
    }

    public ServerConfig withBindAddress(String address) {
        return new ServerConfig(address, port, workers, queueCapacity, threadsPerWorker, maxBodyBytes, maxImagePixels,
                preprocessing, shutdownGrace, refinement, jpegDecoding, heavyImagePixels, connections);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, workers, queueCapacity, threadsPerWorker, maxBodyBytes,
                maxImagePixels, preprocessing, shutdownGrace, refinement, jpegDecoding, heavyImagePixels, connections);
    }

    /** Workers and the queue in front of them. */
    public ServerConfig withCapacity(int newWorkers, int newQueueCapacity) {
        return new ServerConfig(bindAddress, port, newWorkers, newQueueCapacity, threadsPerWorker, maxBodyBytes,
                maxImagePixels, preprocessing, shutdownGrace, refinement, jpegDecoding, heavyImagePixels, connections);
    }

    public ServerConfig withRefinement(RefinementMode mode) {
        return new ServerConfig(bindAddress, port, workers, queueCapacity, threadsPerWorker, maxBodyBytes,
                maxImagePixels, preprocessing, shutdownGrace, mode, jpegDecoding, heavyImagePixels, connections);
    }

    public ServerConfig withJpegDecoding(JpegDecoders.Setting setting) {
        return new ServerConfig(bindAddress, port, workers, queueCapacity, threadsPerWorker, maxBodyBytes,
                maxImagePixels, preprocessing, shutdownGrace, refinement, setting, heavyImagePixels, connections);
    }

    private static <T> T choiceVar(Map<String, String> env, String name, T fallback,
                                   java.util.function.Function<String, T> parse, String accepted) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Environment variable " + name + "=" + raw
                    + " is not valid: expected " + accepted + ".");
        }
    }

    private static int intVar(Map<String, String> env, String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Environment variable " + name + "=" + raw
                    + " is not valid: expected a whole number from " + min + " to " + max + ".");
        }
    }

    private static long longVar(Map<String, String> env, String name, long fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Environment variable " + name + "=" + raw
                    + " is not valid: expected a positive whole number (e.g. 40000000 for 40 megapixels).");
        }
    }

    private static Preprocessing preprocessingVar(Map<String, String> env, Preprocessing fallback) {
        String raw = env.get("INFERENCE_PREPROCESSING");
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "letterbox" -> Preprocessing.LETTERBOX;
            case "stretch" -> Preprocessing.STRETCH;
            default -> throw new IllegalArgumentException("Environment variable INFERENCE_PREPROCESSING=" + raw
                    + " is not valid: expected letterbox or stretch.");
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
