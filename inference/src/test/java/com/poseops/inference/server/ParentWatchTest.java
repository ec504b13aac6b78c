package com.poseops.inference.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local endpoint must not outlive a console killed with SIGKILL (no shutdown hook runs then): with
 * INFERENCE_PARENT_PID set, the server stops by itself once that process is gone.
 */
class ParentWatchTest {

    @TempDir
    Path dir;

    @Test
    void serverStopsItselfWhenTheParentProcessDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "300").start();
        Process server = startServer(Long.toString(parent.pid()));
        try {
            Thread.sleep(1500);
            assertThat(server.isAlive()).as("serving while the parent lives; log:%n%s", log()).isTrue();

            parent.destroyForcibly(); // SIGKILL, as `kill -9` of the console
            parent.waitFor(10, TimeUnit.SECONDS);

            assertThat(server.waitFor(15, TimeUnit.SECONDS)).as("stopped after the parent died; log:%n%s", log())
                    .isTrue();
            assertThat(log()).contains("is gone; stopping");
        } finally {
            parent.destroyForcibly();
            server.destroyForcibly();
        }
    }

    @Test
    void aParentPidThatIsNotANumberIsAConfigurationError() throws Exception {
        Process server = startServer("console");
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(log()).contains("INFERENCE_PARENT_PID must be a process id");
    }

    private Process startServer(String parentPid) throws Exception {
        int port = TestPorts.freeLoopbackPort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        builder.environment().put("MODEL_PATH", TestData.lightningInt8Model().toString());
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
        builder.environment().put("INFERENCE_BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("INFERENCE_WORKERS", "1");
        builder.environment().put(Main.PARENT_PID_VARIABLE, parentPid);
        return builder.start();
    }

    private String log() throws Exception {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
