package com.poseops.endpoints.local;

import com.poseops.platform.process.ChildEnvironment;
import com.poseops.platform.process.ChildLogs;
import com.poseops.platform.process.ChildProcesses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One running inference server: a child JVM of the console, serving one model file on a loopback port. Started with
 * {@link InferenceLaunchCommand}, so it is the same server program that the SageMaker container runs.
 */
final class InferenceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String variant;
    private final Path model;
    private final int port;
    private final Process process;
    private final Path logFile;

    private InferenceProcess(String variant, Path model, int port, Process process, Path logFile) {
        this.variant = variant;
        this.model = model;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    static InferenceProcess start(String variant, Path model, InferenceLaunchCommand launch, Path logDirectory,
            int workers) throws IOException {
        int port = ChildProcesses.freeLoopbackPort();
        Path logFile = Files.createDirectories(logDirectory).resolve("endpoint-" + variant + ".log");
        ProcessBuilder builder = new ProcessBuilder(launch.command());
        Map<String, String> environment = builder.environment();
        // Only what the server needs (its INFERENCE_* tuning passes), no console secret in /proc/<pid>/environ.
        ChildEnvironment.restrict(environment, "INFERENCE_");
        environment.putAll(launch.environment(model, port, workers));
        return new InferenceProcess(variant, model, port, ChildLogs.start(builder, logFile), logFile);
    }

    String variant() {
        return variant;
    }

    Path model() {
        return model;
    }

    long pid() {
        return process.pid();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True when /ping answers 200 within SageMaker's 2 s ping timeout. */
    boolean ping() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(baseUri().resolve("/ping"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until /ping says 200; false if the process died or the time ran out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ChildProcesses.awaitAnswer(process, timeout, this::ping);
    }

    /** The last lines the server wrote, to explain a failed start. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            // The variant's log is appended to by each of its processes: look at this process's part only (from the
            // server's last "Model:" line). The server prints why it exits as one "poseops-inference: …" line, before
            // its shutdown lines ("Stopping…", "Stopped in …"), which say nothing about the cause.
            int start = 0;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("INFO: Model: ")) {
                    start = i;
                    break;
                }
            }
            for (int i = lines.size() - 1; i >= start; i--) {
                if (lines.get(i).startsWith(EXIT_REASON_PREFIX)) {
                    return lines.get(i);
                }
            }
            List<String> telling = lines.subList(start, lines.size()).stream()
                    .filter(line -> !line.contains("Stopping") && !line.contains("Stopped in")).toList();
            return String.join(" | ", telling.subList(Math.max(0, telling.size() - 3), telling.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    /** How the inference server's {@code Main} starts the line that says why it exits. */
    private static final String EXIT_REASON_PREFIX = "poseops-inference: ";

    /** SIGTERM lets the server finish in-flight requests; SIGKILL after the grace period. */
    void stop(Duration grace) {
        ChildProcesses.stop(process.toHandle(), grace);
    }
}
