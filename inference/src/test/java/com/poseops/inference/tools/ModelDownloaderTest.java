package com.poseops.inference.tools;

import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import com.poseops.inference.engine.ModelFile;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The downloader against a local HTTP server that plays TF Hub: it serves a copy of the shared Lightning model (the
 * real file, so the engine's checks run for real), or a 404, a Kaggle-like login page, a body cut short, a redirect.
 */
class ModelDownloaderTest {

    private static final MoveNetVariant VARIANT = MoveNetVariant.LIGHTNING_FLOAT16; // 192×192 like the shared model
    private static HttpServer server;
    private static byte[] model;
    private static final AtomicInteger modelRequests = new AtomicInteger();

    @TempDir
    Path cache;

    private final HttpClient http = HttpClient.newHttpClient(); // does not follow redirects: the downloader must

    @BeforeAll
    static void startServer() throws IOException {
        model = Files.readAllBytes(TestData.lightningInt8Model());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/ok/", exchange -> {
            modelRequests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            send(exchange, 200, model);
        });
        server.createContext("/redirect/", exchange -> {
            String rest = exchange.getRequestURI().toString().substring("/redirect/".length());
            exchange.getResponseHeaders().set("Location", "/ok/" + rest);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/missing/", exchange -> send(exchange, 404, "not found".getBytes()));
        server.createContext("/login/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            send(exchange, 200, "<!DOCTYPE html><html><title>Sign in | Kaggle</title></html>"
                    .getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/html-as-binary/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            send(exchange, 200, "<!DOCTYPE html><html><title>Sign in | Kaggle</title></html>"
                    .getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    /**
     * A raw socket server that announces the whole model, sends a third of it and closes the connection (the JDK
     * HttpServer keeps the connection open in that case, which would only test the client's patience).
     */
    private static URI truncatingServer(List<Thread> threads) throws IOException {
        ServerSocket socket = new ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress());
        Thread thread = Thread.ofVirtual().start(() -> {
            try (socket; var connection = socket.accept()) {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(connection.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    // skip the request headers
                }
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                        + model.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(model, 0, model.length / 3);
                out.flush();
            } catch (IOException ignored) {
                // the test checks the client side
            }
        });
        threads.add(thread);
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/");
    }

    @Test
    void downloadsVerifiesRecordsTheSha256AndReportsProgress() throws Exception {
        List<long[]> updates = new ArrayList<>();
        Path file = new ModelDownloader(http, base("ok")).download(VARIANT, cache.resolve("models"),
                (read, total) -> updates.add(new long[] {read, total}));

        assertThat(file).isEqualTo(cache.resolve("models").resolve("movenet_singlepose_lightning_float16_4.tflite"));
        assertThat(Files.readAllBytes(file)).isEqualTo(model);
        String sha = ModelFile.sha256(TestData.lightningInt8Model());
        assertThat(Files.readString(VerifiedModel.sidecar(file)))
                .isEqualTo(sha + "  movenet_singlepose_lightning_float16_4.tflite\n");
        assertThat(updates).isNotEmpty();
        assertThat(updates.getLast()).containsExactly(model.length, model.length);
        assertThat(updates).allSatisfy(u -> assertThat(u[1]).isEqualTo(model.length));
        assertThat(updates.stream().mapToLong(u -> u[0])).isSorted();
        assertThat(Files.list(file.getParent()).map(p -> p.getFileName().toString()))
                .as("no .part file left").containsExactlyInAnyOrder(file.getFileName().toString(),
                        file.getFileName() + ".sha256");
    }

    @Test
    void aVerifiedCachedCopyIsReusedWithoutTheNetworkAndAChangedOneIsDownloadedAgain() throws Exception {
        ModelDownloader downloader = new ModelDownloader(http, base("ok"));
        Path file = downloader.download(VARIANT, cache, DownloadProgress.NONE);
        int requests = modelRequests.get();

        assertThat(downloader.download(VARIANT, cache, DownloadProgress.NONE)).isEqualTo(file);
        assertThat(modelRequests.get()).as("served from the cache").isEqualTo(requests);
        // Even with no server at all.
        assertThat(new ModelDownloader(http, closedPortBase()).download(VARIANT, cache, DownloadProgress.NONE))
                .isEqualTo(file);

        Files.write(file, new byte[] {1, 2, 3}); // damaged on disk: the sidecar no longer matches
        assertThat(downloader.download(VARIANT, cache, DownloadProgress.NONE)).isEqualTo(file);
        assertThat(modelRequests.get()).isEqualTo(requests + 1);
        assertThat(Files.readAllBytes(file)).isEqualTo(model);
    }

    @Test
    void redirectsAreFollowedEvenWhenTheClientDoesNot() throws Exception {
        Path file = new ModelDownloader(http, base("redirect")).download(VARIANT, cache, DownloadProgress.NONE);
        assertThat(Files.readAllBytes(file)).isEqualTo(model);
    }

    @Test
    void notFoundNamesTheStatusTheUrlAndTheOfflineOverride() {
        assertThatThrownBy(() -> new ModelDownloader(http, base("missing")).download(VARIANT, cache,
                DownloadProgress.NONE))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(base("missing") + "google/lite-model/movenet/singlepose/lightning")
                .hasMessageContaining("--from FILE")
                .hasMessageContaining("MODEL_PATH");
        assertNothingCached();
    }

    @Test
    void anHtmlLoginPageIsRefusedWhateverItsContentType() {
        assertThatThrownBy(() -> new ModelDownloader(http, base("login")).download(VARIANT, cache,
                DownloadProgress.NONE))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("HTML page")
                .hasMessageContaining("sign-in")
                .hasMessageContaining("--from FILE");
        assertThatThrownBy(() -> new ModelDownloader(http, base("html-as-binary")).download(VARIANT, cache,
                DownloadProgress.NONE))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("not a usable MoveNet model")
                .hasMessageContaining("HTML");
        assertNothingCached();
    }

    @Test
    void aTruncatedBodyIsRefusedAndLeavesNothingBehind() throws Exception {
        List<Thread> threads = new ArrayList<>();
        URI truncating = truncatingServer(threads);
        assertThatThrownBy(() -> new ModelDownloader(http, truncating).download(VARIANT, cache,
                DownloadProgress.NONE))
                .isInstanceOf(ModelDownloadException.class)
                .message().satisfiesAnyOf(
                        m -> assertThat(m).contains("broke off"),
                        m -> assertThat(m).contains("incomplete"));
        assertNothingCached();
    }

    @Test
    void anUnreachableHostGivesOneClearMessage() throws Exception {
        URI base = closedPortBase();
        assertThatThrownBy(() -> new ModelDownloader(http, base).download(VARIANT, cache, DownloadProgress.NONE))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("Could not reach 127.0.0.1")
                .hasMessageContaining(base + "google/lite-model")
                .hasMessageContaining("--from FILE")
                .hasMessageContaining("MODEL_PATH");
        assertNothingCached();
    }

    @Test
    void theOfficialUrlsAreTheOnesOfTfHub() {
        assertThat(MoveNetVariant.THUNDER_FLOAT16.url()).hasToString(
                "https://tfhub.dev/google/lite-model/movenet/singlepose/thunder/tflite/float16/4?lite-format=tflite");
        assertThat(MoveNetVariant.LIGHTNING_FLOAT16.url()).hasToString(
                "https://tfhub.dev/google/lite-model/movenet/singlepose/lightning/tflite/float16/4?lite-format=tflite");
        assertThat(MoveNetVariant.THUNDER_FLOAT16.fileName()).isEqualTo("movenet_singlepose_thunder_float16_4.tflite");
    }

    private void assertNothingCached() {
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no model, sidecar or .part left").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static URI closedPortBase() throws IOException {
        int port = TestPorts.freeLoopbackPort();
        return URI.create("http://127.0.0.1:" + port + "/");
    }
}
