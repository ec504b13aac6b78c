package com.poseops.testsupport;

import com.poseops.inference.TestPorts;
import com.poseops.platform.persistence.local.DynamoDbLocalLauncher;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The packaged console ({@code target/poseops.jar}) as a real process, for end-to-end tests.
 *
 * <p>Register it as a static extension; it starts once before the class's tests and stops after them:
 * <pre>{@code
 * @RegisterExtension
 * static final PackagedApp app = PackagedApp.withAdminPassword("s3cret");
 * }</pre>
 *
 * <p>Each start gets a temporary data directory (kept across {@link #restart()}), a free {@code SERVER_PORT} and a
 * working directory of its own, so that no {@code ./config.yml} of the checkout leaks in. The process's output goes
 * to {@code target/e2e-logs/}; its tail is attached to every failing test. {@link #stop()} sends SIGTERM and fails
 * when the console does not exit in time or when its DynamoDB Local child survives it.
 *
 * <p>The jar is {@code -Dposeops.jar} (set by failsafe), else {@code target/poseops.jar}. A missing jar fails the
 * test; it is never skipped.
 */
public final class PackagedApp implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration CHILD_EXIT_TIMEOUT = Duration.ofSeconds(15);
    private static final String DYNAMODB_LOCAL_MAIN = DynamoDbLocalLauncher.class.getName();
    private static final int LOG_TAIL_LINES = 80;

    private final String adminPassword;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String heap = "512m";
    private final java.util.List<String> jvmOptions = new java.util.ArrayList<>();
    private String configYaml;
    private boolean expectDynamoDbLocal = true;

    private String name = "poseops";
    private Path home;
    private Path dataDirectory;
    private Process process;
    private int port;
    private int starts;
    private Path output;

    private PackagedApp(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    /** A local-mode console whose bootstrap {@code admin} signs in with {@code adminPassword}. */
    public static PackagedApp withAdminPassword(String adminPassword) {
        return new PackagedApp(adminPassword);
    }

    /** Starts the console with this config.yml (through {@code POSEOPS_CONFIG}); the embedded defaults fill the rest. */
    public PackagedApp withConfig(String yaml) {
        this.configYaml = yaml;
        return this;
    }

    /** An extra environment variable for the console process. */
    public PackagedApp withEnvironment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** The console's maximum heap ({@code -Xmx}), 512m unless given (the probes run it with the 1g of the issue). */
    public PackagedApp withHeap(String maximum) {
        this.heap = maximum;
        return this;
    }

    /** Extra JVM options for the console (e.g. {@code -Djava.io.tmpdir=…}). */
    public PackagedApp withJvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** For an {@code aws}-mode console, which has no DynamoDB Local child to check on shutdown. */
    public PackagedApp withoutDynamoDbLocal() {
        this.expectDynamoDbLocal = false;
        return this;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** {@code http://127.0.0.1:<port>} of the running console. */
    public URI baseUri() {
        requireRunning();
        return URI.create("http://127.0.0.1:" + port);
    }

    /** An absolute URL of the running console, e.g. {@code url("/audit")}. */
    public String url(String path) {
        return baseUri() + (path.startsWith("/") ? path : "/" + path);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The directory the console runs in (its working directory; the data directory is under it). */
    public Path home() {
        return home;
    }

    /** The running console's child processes and theirs (DynamoDB Local, local endpoints). */
    public List<ProcessHandle> descendants() {
        requireRunning();
        return process.descendants().toList();
    }

    /** What the console has printed so far (stdout and stderr) in its current run. */
    public String output() {
        try {
            return output == null ? "" : new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of the running console. */
    public long pid() {
        requireRunning();
        return process.pid();
    }

    // ---- JUnit lifecycle ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        name = context.getRequiredTestClass().getSimpleName();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            stop();
        } finally {
            deleteHome();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        failure.addSuppressed(new ConsoleOutput(describeOutput()));
        throw failure;
    }

    // ---- process control ----

    /** Starts the console and waits until {@code /actuator/health} says UP. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("PoseOps is already running (pid " + process.pid() + ")");
        }
        Path jar = jar();
        if (home == null) {
            home = Files.createTempDirectory("poseops-e2e-");
            dataDirectory = Files.createDirectories(home.resolve("data"));
        }
        starts++;
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        output = logs.resolve(name + "-start" + starts + ".log").toAbsolutePath();
        port = TestPorts.freeLoopbackPort();

        List<String> command = new ArrayList<>(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + heap));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.directory(home.toFile());
        Map<String, String> env = builder.environment();
        // Nothing of the developer's or CI's own PoseOps settings may leak into the tested process.
        env.keySet().removeIf(variable -> variable.startsWith("POSEOPS_") || variable.equals("SERVER_PORT")
                || variable.equals("PORT"));
        env.put("POSEOPS_DATA_DIR", dataDirectory.toString());
        env.put("POSEOPS_ADMIN_PASSWORD", adminPassword);
        env.put("SERVER_PORT", Integer.toString(port));
        // the local endpoint's front door: a free port unless the test chose one (8081 may be taken on a shared host)
        env.put("POSEOPS_LOCAL_ENDPOINT_PORT", "0");
        if (configYaml != null) {
            Path config = home.resolve("config.yml");
            Files.writeString(config, configYaml);
            env.put("POSEOPS_CONFIG", config.toString());
        }
        env.putAll(environment);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.to(output.toFile()));
        process = builder.start();
        awaitHealthy();
    }

    /**
     * Stops the console with SIGTERM, as a service manager or {@code docker stop} would, and checks that it exits
     * in time and that no DynamoDB Local child outlives it.
     */
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        if (!stopping.isAlive()) {
            throw new AssertionError("PoseOps had already exited (code " + stopping.exitValue() + ") before it was "
                    + "stopped. " + describeOutput());
        }
        List<ProcessHandle> children = stopping.descendants().toList();
        List<ProcessHandle> dynamoDbLocal = children.stream().filter(PackagedApp::isDynamoDbLocal).toList();

        stopping.destroy(); // SIGTERM on Linux
        if (!stopping.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            stopping.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            throw new AssertionError("PoseOps did not exit within " + STOP_TIMEOUT.toSeconds()
                    + " s of SIGTERM (killed it). " + describeOutput());
        }
        List<ProcessHandle> survivors = awaitExit(children);
        survivors.forEach(ProcessHandle::destroyForcibly);
        if (!survivors.isEmpty()) {
            throw new AssertionError("Child processes survived the console's shutdown (killed them now): "
                    + survivors.stream().map(PackagedApp::describe).toList() + ". " + describeOutput());
        }
        if (expectDynamoDbLocal && dynamoDbLocal.isEmpty()) {
            throw new AssertionError("The local-mode console ran without a DynamoDB Local child process "
                    + "(expected one running " + DYNAMODB_LOCAL_MAIN + "); children were "
                    + children.stream().map(PackagedApp::describe).toList() + ". " + describeOutput());
        }
    }

    /** Stops (with the shutdown checks of {@link #stop()}) and starts again on the same data directory. */
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("PoseOps exited at start with code " + process.exitValue() + ". "
                        + describeOutput());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                last = "HTTP " + response.statusCode() + " " + response.body();
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("PoseOps did not report UP on " + health + " within " + START_TIMEOUT.toSeconds()
                + " s (last: " + last + "). " + describeOutput());
    }

    private static List<ProcessHandle> awaitExit(List<ProcessHandle> handles) throws InterruptedException {
        try {
            CompletableFuture.allOf(handles.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(CHILD_EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException someStillRun) {
            // the survivors are listed below
        }
        return handles.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static boolean isDynamoDbLocal(ProcessHandle handle) {
        return handle.info().commandLine().map(line -> line.contains(DYNAMODB_LOCAL_MAIN)).orElse(false)
                || handle.info().arguments().map(args -> List.of(args).contains(DYNAMODB_LOCAL_MAIN)).orElse(false);
    }

    private static String describe(ProcessHandle handle) {
        return "pid " + handle.pid() + " " + handle.info().commandLine().orElse(handle.info().command().orElse("?"));
    }

    private void requireRunning() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("PoseOps is not running. " + describeOutput());
        }
    }

    // ---- helpers ----

    public static Path jar() {
        Path jar = Path.of(System.getProperty("poseops.jar", "target/poseops.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("The packaged console is missing: " + jar + ". Build it first: "
                    + "./mvnw verify runs the end-to-end tests after package (or set -Dposeops.jar=<path>).");
        }
        return jar;
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }


    /** Where the console's output is, with its last lines. */
    public String describeOutput() {
        if (output == null) {
            return "(PoseOps was never started)";
        }
        StringBuilder text = new StringBuilder("PoseOps output: ").append(output);
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            text.append(" (last ").append(tail.size()).append(" of ").append(lines.size()).append(" lines):\n");
            tail.forEach(line -> text.append("  | ").append(line).append('\n'));
        } catch (IOException | UncheckedIOException e) {
            text.append(" (unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private void deleteHome() throws IOException {
        if (home == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
        home = null;
    }

    /** Carries the console's output into a failing test's report. */
    private static final class ConsoleOutput extends RuntimeException {
        ConsoleOutput(String message) {
            super(message, null, false, false);
        }
    }
}
