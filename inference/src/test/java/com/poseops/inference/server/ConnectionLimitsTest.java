package com.poseops.inference.server;

import com.poseops.inference.TestPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server in its own JVM (the connection limits are JVM-wide properties of the JDK server) with short limits:
 * request timeout 4 s, idle timeout 4 s, at most 4 connections. A stranger can no longer hold connections open for as
 * long as they like.
 */
class ConnectionLimitsTest {

    private static final int TIMEOUT_SECONDS = 4;

    @TempDir
    Path dir;
    private Process server;
    private int port;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        port = TestPorts.freeLoopbackPort();
        Path log = dir.resolve("server.log");
        server = ServerProcess.start(port, log, Map.of(
                "INFERENCE_REQUEST_TIMEOUT_SECONDS", Integer.toString(TIMEOUT_SECONDS),
                "INFERENCE_IDLE_TIMEOUT_SECONDS", Integer.toString(TIMEOUT_SECONDS),
                "INFERENCE_MAX_CONNECTIONS", "4"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!pingIs200()) {
            assertThat(System.nanoTime()).as("server ready; log:%n%s", ServerProcess.read(log)).isLessThan(deadline);
            assertThat(server.isAlive()).as("server alive; log:%n%s", ServerProcess.read(log)).isTrue();
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        server.destroy();
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws Exception {
        Socket silent = connect();
        assertThat(closedByServerWithin(silent, 20)).as("closed after the %d s limit", TIMEOUT_SECONDS).isTrue();
    }

    @Test
    void aRequestWhoseHeadersTrickleInIsCutOff() throws Exception {
        Socket slow = connect();
        OutputStream out = slow.getOutputStream();
        out.write("POST /invocations HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean cut = false;
        for (int header = 0; System.nanoTime() < deadline; header++) {
            try {
                // One header line every half second: never idle, never complete.
                out.write(("X-Slow-" + header + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                cut = true;
                break;
            }
            if (closedByServerWithin(slow, 0.5)) {
                cut = true;
                break;
            }
        }
        assertThat(cut).as("the server closed a request still sending headers after the %d s limit",
                TIMEOUT_SECONDS).isTrue();
    }

    @Test
    void connectionsBeyondTheMaximumAreClosedAtOnceAndServiceResumes() throws Exception {
        for (int i = 0; i < 4; i++) {
            connect();
        }
        Socket fifth = connect();
        assertThat(closedByServerWithin(fifth, TIMEOUT_SECONDS - 1.0))
                .as("the fifth connection is closed before any timeout could have closed it").isTrue();
        // The four idle ones time out; then a normal request is served again.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pingIs200()) {
            assertThat(System.nanoTime()).as("served again after the idle connections were closed")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        sockets.add(socket);
        return socket;
    }

    /** True when the server closes (EOF or reset) within the given time. */
    private static boolean closedByServerWithin(Socket socket, double seconds) throws IOException {
        socket.setSoTimeout((int) Math.max(1, seconds * 1000));
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private boolean pingIs200() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }
}
