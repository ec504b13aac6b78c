package com.poseops.testsupport;

import com.poseops.inference.TestPorts;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real moto server (the machine's moto 5.2.1, started through {@link #LAUNCHER}, which first loads PoseOps' moto
 * extensions from {@code src/test/moto/poseops_moto}) for the integration tests of the aws adapters:
 * started on a free loopback port before the test class, stopped with its whole process tree after it.
 *
 * <pre>
 * &#64;RegisterExtension
 * static MotoServer moto = new MotoServer();
 * </pre>
 *
 * Its output goes to {@code target/moto-<test class>-<port>.log}. Override the interpreter with the system property
 * or environment variable {@code MOTO_PYTHON}.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {

    public static final String REGION = "us-east-1";
    /** moto's default account; every ARN it makes carries it. */
    public static final String ACCOUNT_ID = "123456789012";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** moto's server with the project's extensions (what stock moto lacks; docs/moto-notes.md). */
    public static final Path LAUNCHER = Path.of("src", "test", "moto", "poseops_moto_server.py").toAbsolutePath();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private @Nullable Process process;
    private @Nullable URI endpoint;
    private @Nullable Path logFile;
    private @Nullable Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts moto (also usable without JUnit); a second call while running is an error. */
    public synchronized void start(String label) {
        if (process != null) {
            throw new IllegalStateException("moto is already running at " + endpoint);
        }
        // A port taken between probing and binding makes moto exit at once: try a few ports before giving up.
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = TestPorts.freeLoopbackPort();
            Path log = Path.of("target", "moto-" + label + "-" + port + ".log").toAbsolutePath();
            Process started = launch(port, log);
            try {
                awaitReady(started, URI.create("http://127.0.0.1:" + port), log);
                process = started;
                endpoint = URI.create("http://127.0.0.1:" + port);
                logFile = log;
                shutdownHook = new Thread(() -> destroyTree(started), "moto-shutdown-" + port);
                Runtime.getRuntime().addShutdownHook(shutdownHook);
                return;
            } catch (IllegalStateException e) {
                destroyTree(started);
                lastFailure = e;
                if (!tail(log).contains("Address already in use")) {
                    break;
                }
            }
        }
        throw lastFailure;
    }

    public synchronized void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        destroyTree(running);
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException jvmAlreadyShuttingDown) {
                // the hook runs anyway
            }
        }
        process = null;
        shutdownHook = null;
    }

    /** The base URL every AWS client of a test points at, e.g. {@code http://127.0.0.1:43817}. */
    public URI endpoint() {
        URI current = endpoint;
        if (current == null || process == null) {
            throw new IllegalStateException("moto is not running; register MotoServer as a JUnit extension");
        }
        return current;
    }

    /** Wipes every resource in every moto service (and the queued canned answers). */
    public void reset() {
        post("/moto-api/reset", "");
    }

    /** {@code Aws} settings of config.yml pointing at this server (region us-east-1, tables prefixed {@code test-}). */
    public AwsSettings awsSettings(boolean createResources) {
        return new AwsSettings(REGION, endpoint().toString(), createResources, "test-");
    }

    /** The platform's client factory pointing at this server, as the app would build it with POSEOPS_AWS_ENDPOINT. */
    public AwsClients awsClients() {
        return new AwsClients(awsSettings(true));
    }

    /**
     * Queues answers that moto's SageMaker Runtime {@code InvokeEndpoint} returns, one per call, in order (for every
     * endpoint: the queue is global). Quirk: moto remembers the answer per endpoint, body, Accept and
     * {@code X-Amzn-SageMaker-*} headers, so an identical request gets the same answer again instead of the next one.
     */
    public void queueEndpointResults(List<CannedInvocation> results) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (CannedInvocation result : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Body", result.body());
            item.put("ContentType", result.contentType());
            if (result.variant() != null) {
                item.put("InvokedProductionVariant", result.variant());
            }
            if (result.customAttributes() != null) {
                item.put("CustomAttributes", result.customAttributes());
            }
            items.add(item);
        }
        Map<String, Object> request = Map.of("account_id", ACCOUNT_ID, "region", REGION, "results", items);
        post("/moto-api/static/sagemaker/endpoint-results", JSON.writeValueAsString(request));
    }

    public void queueEndpointResults(CannedInvocation... results) {
        queueEndpointResults(List.of(results));
    }

    /**
     * Sets the simulated clock of SageMaker blue/green deployments ({@code src/test/moto/poseops_moto/endpoints.py},
     * docs/moto-notes.md): any of {@code time_scale} (simulated seconds per real second; 0 stops the clock),
     * {@code advance_seconds}, {@code provisioning_seconds}, {@code traffic_seconds}, {@code rollback_seconds},
     * {@code reset}.
     */
    public void deploymentClock(Map<String, ?> settings) {
        post("/moto-api/poseops/endpoints/clock", JSON.writeValueAsString(settings));
    }

    /** Stops the deployment clock at its defaults: a deployment then moves only by {@link #advanceDeploymentClock}. */
    public void stopDeploymentClock() {
        deploymentClock(Map.of("reset", true, "time_scale", 0));
    }

    /** Moves the deployment clock on by this many simulated seconds, at once. */
    public void advanceDeploymentClock(double simulatedSeconds) {
        deploymentClock(Map.of("advance_seconds", simulatedSeconds));
    }

    /** One canned InvokeEndpoint answer: the body and headers moto sends back. */
    public record CannedInvocation(String body, String contentType, @Nullable String variant,
            @Nullable String customAttributes) {

        public static CannedInvocation json(String body, String variant) {
            return new CannedInvocation(body, "application/json", variant, null);
        }
    }

    private void post(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("moto answered " + response.statusCode() + " to POST " + path + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto did not answer POST " + path + " (log: " + logFile + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Process launch(int port, Path log) {
        String python = pythonExecutable();
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(python, LAUNCHER.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start moto: '" + python + "' could not be run (" + e.getMessage()
                    + "). The aws adapter tests need python3 with moto 5.2.1 (pip install 'moto[server]==5.2.1'), "
                    + "or MOTO_PYTHON pointing at an interpreter that has it.", e);
        }
    }

    private void awaitReady(Process started, URI base, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(base.resolve("/moto-api/")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                String output = tail(log);
                String hint = output.contains("No module named moto") || output.contains("No module named 'moto")
                        || output.contains("No module named flask") || output.contains("No module named 'flask")
                        ? " '" + pythonExecutable() + "' has no moto server: pip install 'moto[server]==5.2.1' (or set MOTO_PYTHON)."
                        : "";
                throw new IllegalStateException("moto exited with code " + started.exitValue() + " before answering."
                        + hint + " Output (" + log + "):\n" + output);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("moto did not answer within " + START_TIMEOUT.toSeconds() + " s at " + base
                + ". Output (" + log + "):\n" + tail(log));
    }

    private static void destroyTree(Process root) {
        List<ProcessHandle> descendants = root.toHandle().descendants().toList();
        root.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!root.waitFor(5, TimeUnit.SECONDS)) {
                root.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            root.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String pythonExecutable() {
        String configured = System.getProperty("MOTO_PYTHON", System.getenv("MOTO_PYTHON"));
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto", e);
        }
    }
}
