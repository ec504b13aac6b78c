package com.poseops.endpoints.local;

import com.poseops.platform.process.JavaMainCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start the inference server as a child process from whatever the console itself runs from: the Spring Boot
 * jar (through its PropertiesLauncher, so the nested libraries are on the class path) or a class-path of
 * directories and jars (tests, {@code ./mvnw spring-boot:run}). Either way the child runs the very server class that
 * {@code inference/serve} and the SageMaker image start.
 */
record InferenceLaunchCommand(List<String> command) {

    static final String SERVER_MAIN_CLASS = "com.poseops.inference.server.Main";

    static InferenceLaunchCommand forCurrentRuntime() {
        return new InferenceLaunchCommand(JavaMainCommand.forMainClass(SERVER_MAIN_CLASS,
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-Xss1m")));
    }

    /**
     * The server's documented environment (inference/README.md): model, loopback address and port, workers, and this
     * console's pid, so that the endpoint stops itself should the console die without running its shutdown hooks.
     */
    Map<String, String> environment(Path model, int port, int workers) {
        return Map.of(
                "MODEL_PATH", model.toString(),
                "SAGEMAKER_BIND_TO_PORT", Integer.toString(port),
                "INFERENCE_BIND_ADDRESS", "127.0.0.1",
                "INFERENCE_WORKERS", Integer.toString(workers),
                "INFERENCE_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    }
}
