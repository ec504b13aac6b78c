package com.poseops.inference.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestPorts;
import java.nio.file.Path;
import java.util.Map;
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
            // Await readiness (not a fixed sleep): the parent must die while the server already watches it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!log().contains("Ready: model")) {
                assertThat(server.isAlive()).as("serving while the parent lives; log:%n%s", log()).isTrue();
                assertThat(System.nanoTime()).as("ready within 60 s; log:%n%s", log()).isLessThan(deadline);
                Thread.sleep(50);
            }

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
        return ServerProcess.start(port, dir.resolve("server.log"), Map.of(Main.PARENT_PID_VARIABLE, parentPid));
    }

    private String log() throws Exception {
        return ServerProcess.read(dir.resolve("server.log"));
    }
}
