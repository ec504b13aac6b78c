package com.poseops.inference.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@link TrainMain} in its own JVM, as SageMaker and the console's local runner run it, output in {@code log}. */
final class TrainProcess {

    private TrainProcess() {
    }

    static Process start(TrainingPaths paths, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), TrainMain.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(TrainingPaths.ROOT_VARIABLE, paths.root().toString());
        return builder.start();
    }

    /** Waits until the process has written a line containing {@code text}; fails if it exits or time runs out. */
    static void awaitLine(Process process, Path log, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String written = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (written.contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the trainer exited (" + process.exitValue() + ") before writing '" + text
                        + "':\n" + written);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the trainer did not write '" + text + "' within " + timeout);
    }
}
