package com.poseops.monitoring;

import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real inference server (the SageMaker container's program) in its own JVM, as a variant's process runs it: the
 * shared Lightning int8 model, one worker, on a free loopback port. For the monitoring tests that need real requests
 * and a real process to sample, without the console's endpoint machinery.
 */
public final class InferenceServerChild implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI base;

    private InferenceServerChild(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** Starts the server and waits until {@code /ping} answers 200 (at most 2 minutes on a loaded machine). */
    public static InferenceServerChild start(Path log) throws IOException, InterruptedException {
        int port = TestPorts.freeLoopbackPort();
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "com.poseops.inference.server.Main")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MODEL_PATH", TestData.lightningInt8Model().toString());
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
        builder.environment().put("INFERENCE_BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("INFERENCE_WORKERS", "1");
        InferenceServerChild child = new InferenceServerChild(builder.start(), URI.create("http://127.0.0.1:" + port));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!child.process.isAlive()) {
                throw new IllegalStateException("the inference server exited: " + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(child.base.resolve("/ping")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return child;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        child.close();
        throw new IllegalStateException("the inference server did not answer /ping within 2 minutes");
    }

    public long pid() {
        return process.pid();
    }

    public URI invocations() {
        return base.resolve("/invocations");
    }

    /** POSTs a JPEG to {@code /invocations}. */
    public HttpResponse<byte[]> invoke(byte[] jpeg) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(invocations()).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
