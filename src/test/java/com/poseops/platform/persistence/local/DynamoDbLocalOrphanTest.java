package com.poseops.platform.persistence.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console killed with SIGKILL runs no shutdown hook, so nothing it does on the way out can stop DynamoDB Local: the
 * child must notice by itself that its console is gone. A stand-in console (a JVM that starts DynamoDB Local the way
 * the console does) is killed with SIGKILL here, and DynamoDB Local has to end within seconds.
 */
class DynamoDbLocalOrphanTest {

    private static final String PID_LINE = "dynamodb-local-pid=";

    @TempDir
    Path dataDirectory;

    @Test
    void dynamoDbLocalEndsByItselfWhenTheConsoleIsKilled() throws Exception {
        Process console = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConsoleStandIn.class.getName(),
                dataDirectory.toString())
                .redirectErrorStream(true).start();
        ProcessHandle dynamoDb = null;
        try {
            long pid = awaitPidLine(console);
            dynamoDb = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
            assertThat(dynamoDb.parent().map(ProcessHandle::pid)).as("DynamoDB Local is the console's child")
                    .contains(console.pid());

            console.destroyForcibly(); // kill -9
            assertThat(console.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(awaitExit(dynamoDb, Duration.ofSeconds(20)))
                    .as("DynamoDB Local (pid %s) ended after its console was killed; its log:%n%s", pid, log())
                    .isTrue();
            assertThat(log()).contains("is gone; stopping DynamoDB Local");
        } finally {
            console.destroyForcibly();
            if (dynamoDb != null) {
                dynamoDb.destroyForcibly();
            }
        }
    }

    private static long awaitPidLine(Process console) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(console.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith(PID_LINE)) {
                Thread.ofVirtual().start(() -> output.lines().forEach(ignored -> { })); // keep the pipe drained
                return Long.parseLong(line.substring(PID_LINE.length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the stand-in console ended without starting DynamoDB Local:\n" + seen);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return true;
            }
            Thread.sleep(100);
        }
        return !process.isAlive();
    }

    private String log() throws Exception {
        Path log = dataDirectory.resolve("logs/dynamodb-local.log");
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    /** Starts DynamoDB Local as the console does, says its pid, then waits to be killed. */
    static final class ConsoleStandIn {

        public static void main(String[] args) throws Exception {
            try (DynamoDbLocalServer server = DynamoDbLocalServer.start(Path.of(args[0]))) {
                server.awaitReady();
                System.out.println(PID_LINE + server.pid());
                System.out.flush();
                Thread.sleep(Duration.ofMinutes(5));
            }
        }
    }
}
