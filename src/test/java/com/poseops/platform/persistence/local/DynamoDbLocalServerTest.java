package com.poseops.platform.persistence.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What DynamoDB Local cannot do by itself and the launcher adds: it listens on the loopback interface only (no one on
 * the network reaches the audit log), and it ends by itself when its console is killed with SIGKILL.
 */
class DynamoDbLocalServerTest {

    private static final String PID_LINE = "dynamodb-local-pid=";

    @TempDir
    Path dataDirectory;

    @Test
    void listensOnTheLoopbackInterfaceOnly() throws Exception {
        try (DynamoDbLocalServer server = DynamoDbLocalServer.start(dataDirectory)) {
            server.awaitReady();
            int port = server.endpoint().getPort();
            assertThat(listeningAddresses(port)).as("the addresses listening on port %s", port)
                    .isNotEmpty().containsOnly("127.0.0.1");
            Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                    .filter(DynamoDbLocalServerTest::isUp).filter(nic -> !isLoopback(nic))
                    .flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address)
                    .findFirst();
            if (external.isPresent()) { // no other interface in a bare sandbox: the /proc check above still holds
                assertThatThrownBy(() -> new Socket(external.get(), port).close())
                        .as("a connection to %s:%s", external.get().getHostAddress(), port)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    /**
     * A console killed with SIGKILL runs no shutdown hook, so nothing it does on the way out can stop DynamoDB Local.
     * A stand-in console (a JVM that starts DynamoDB Local the way the console does) is killed here, and DynamoDB
     * Local has to end by itself within seconds.
     */
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

    private static boolean awaitExit(ProcessHandle process, Duration timeout)
            throws InterruptedException, ExecutionException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        }
    }

    /** The local addresses of the TCP sockets listening on {@code port}, from the kernel's tables. */
    private static List<String> listeningAddresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) { // the first line names the columns
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                boolean listening = "0A".equals(fields[3]);
                if (listening && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(kernelAddress(local[0]));
                }
            }
        }
        if (addresses.isEmpty() && !Files.isReadable(Path.of("/proc/net/tcp"))) {
            throw new IllegalStateException("this test reads /proc/net/tcp (Linux), which is not readable here");
        }
        return addresses;
    }

    /**
     * /proc/net/tcp writes an IPv4 address as 8 hex digits, least significant byte first; tcp6 as 32, where a Java
     * socket bound to an IPv4 address shows as IPv4-mapped ({@code ::ffff:a.b.c.d}).
     */
    private static String kernelAddress(String hex) {
        String ipv4Mapped = "0000000000000000FFFF0000";
        if (hex.length() == 32 && hex.toUpperCase(java.util.Locale.ROOT).startsWith(ipv4Mapped)) {
            return kernelAddress(hex.substring(ipv4Mapped.length()));
        }
        if (hex.length() == 8) {
            long value = Long.parseLong(hex, 16);
            return (value & 0xff) + "." + (value >> 8 & 0xff) + "." + (value >> 16 & 0xff) + "." + (value >> 24 & 0xff);
        }
        return hex.equals("0".repeat(32)) ? "::" : hex.equals("0".repeat(24) + "01000000") ? "::1" : hex;
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback();
        } catch (SocketException e) {
            return true;
        }
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
