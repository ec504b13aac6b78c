package com.poseops.platform.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command that runs a main class of the console's own code in a child JVM, from whatever the console itself runs
 * from: the Spring Boot jar (through its PropertiesLauncher, so the nested libraries are on the class path) or a
 * class path of directories and jars (tests, {@code ./mvnw spring-boot:run}). Local endpoints run the inference server
 * this way, local training jobs the trainer — the very classes {@code inference/serve} and {@code inference/train}
 * start in the SageMaker image.
 */
public final class JavaMainCommand {

    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private JavaMainCommand() {
    }

    /**
     * @param jvmOptions options before the class path, e.g. {@code -Xmx512m}
     */
    public static List<String> forMainClass(String mainClass, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaExecutable());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path", "");
        Path singleJar = classPath.contains(java.io.File.pathSeparator) ? null : Path.of(classPath);
        if (singleJar != null && isBootJar(singleJar)) {
            command.addAll(List.of("-cp", singleJar.toAbsolutePath().toString(), "-Dloader.main=" + mainClass,
                    BOOT_LAUNCHER));
        } else {
            command.addAll(List.of("-cp", classPath, mainClass));
        }
        return List.copyOf(command);
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
