package com.poseops.endpoints.local;

import com.poseops.platform.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * How to start the inference server as a child process from whatever the console itself runs from: the Spring Boot
 * jar (through its PropertiesLauncher, so the nested libraries are on the class path) or a class-path of
 * directories and jars (tests, {@code ./mvnw spring-boot:run}). Either way the child runs the very server class that
 * {@code inference/serve} and the SageMaker image start.
 */
record InferenceLaunchCommand(List<String> command) {

    static final String SERVER_MAIN_CLASS = "com.poseops.inference.server.Main";
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    static InferenceLaunchCommand forCurrentRuntime() {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-XX:+UseSerialGC", "-Xss1m"));
        String classPath = System.getProperty("java.class.path", "");
        Path singleJar = classPath.contains(java.io.File.pathSeparator) ? null : Path.of(classPath);
        if (singleJar != null && isBootJar(singleJar)) {
            command.addAll(List.of("-cp", singleJar.toAbsolutePath().toString(),
                    "-Dloader.main=" + SERVER_MAIN_CLASS, BOOT_LAUNCHER));
        } else {
            command.addAll(List.of("-cp", classPath, SERVER_MAIN_CLASS));
        }
        return new InferenceLaunchCommand(List.copyOf(command));
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

    private static boolean isBootJar(Path jar) {
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry("BOOT-INF/") != null || file.getEntry("BOOT-INF/classes/") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
