package com.poseops.inference.server;

import com.poseops.inference.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link Main} in its own JVM, as SageMaker and the console run it: the Lightning int8 model, one worker, on
 * 127.0.0.1:{@code port}, with stdout and stderr in {@code log}.
 */
final class ServerProcess {

    private ServerProcess() {
    }

    /** Starts the server with the common environment plus {@code extraEnvironment}. */
    static Process start(int port, Path log, Map<String, String> extraEnvironment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MODEL_PATH", TestData.lightningInt8Model().toString());
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
        builder.environment().put("INFERENCE_BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("INFERENCE_WORKERS", "1");
        builder.environment().putAll(extraEnvironment);
        return builder.start();
    }

    /** What the server wrote so far ("" before it wrote anything). */
    static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
