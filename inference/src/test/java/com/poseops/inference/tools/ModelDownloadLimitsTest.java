package com.poseops.inference.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the model download refuses: a body larger than any MoveNet model (announced, or streamed without a length),
 * and a redirect from https to plain http, where the model could be swapped on the way. Against real local servers,
 * the https one with a certificate made here by keytool.
 */
class ModelDownloadLimitsTest {

    private static final MoveNetVariant VARIANT = MoveNetVariant.LIGHTNING_FLOAT16;
    private static final String PASSWORD = "changeit";
    private static HttpServer http;
    private static HttpsServer https;
    private static SSLContext tls;
    private static final AtomicInteger plainRequests = new AtomicInteger();

    @TempDir
    Path cache;

    @BeforeAll
    static void startServers(@TempDir Path keys) throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        http.createContext("/announced-huge/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 200L * 1024 * 1024);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[1024]); // a start; the announcement alone must be refused
                out.flush();
                Thread.sleep(2000);
            } catch (IOException | InterruptedException clientGaveUp) {
                // the download closed the connection, as it should
            }
        });
        http.createContext("/streamed-huge/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, 0); // chunked: no length up front
            byte[] block = new byte[1024 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(block);
                }
            } catch (IOException clientGaveUp) {
                // expected once the download refuses to read on
            }
        });
        http.createContext("/plain/", exchange -> {
            plainRequests.incrementAndGet();
            byte[] body = "TFL3 not a model".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();

        Path keystore = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);

        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/downgrade/", exchange -> {
            String rest = exchange.getRequestURI().toString().substring("/downgrade/".length());
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + http.getAddress().getPort()
                    + "/plain/" + rest);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        https.start();
    }

    @AfterAll
    static void stopServers() {
        http.stop(0);
        https.stop(0);
    }

    @Test
    void aBodyAnnouncedLargerThanAnyModelIsRefusedBeforeReadingIt() {
        assertThatThrownBy(() -> download(HttpClient.newHttpClient(), base(http, "announced-huge")))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("200 MB")
                .hasMessageContaining("at most 64 MB");
        assertNothingCached();
    }

    @Test
    void aStreamedBodyIsCutOffAtTheCapAndLeavesNothingBehind() {
        assertThatThrownBy(() -> download(HttpClient.newHttpClient(), base(http, "streamed-huge")))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("more than 64 MB");
        assertNothingCached();
    }

    @Test
    void aRedirectFromHttpsToHttpIsRefusedAndTheHttpAddressIsNeverAsked() {
        HttpClient client = HttpClient.newBuilder().sslContext(tls)
                .followRedirects(HttpClient.Redirect.NORMAL).build(); // as the console builds its client
        int before = plainRequests.get();
        assertThatThrownBy(() -> download(client, URI.create("https://127.0.0.1:" + https.getAddress().getPort()
                + "/downgrade/")))
                .isInstanceOf(ModelDownloadException.class)
                .hasMessageContaining("redirected from https to an unencrypted address (http://127.0.0.1)");
        assertThat(plainRequests.get()).as("requests that reached the http server").isEqualTo(before);
        assertNothingCached();
    }

    private Path download(HttpClient client, URI base) throws ModelDownloadException {
        return new ModelDownloader(client, base).download(VARIANT, cache, DownloadProgress.NONE);
    }

    private static URI base(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path + "/");
    }

    private void assertNothingCached() {
        try (var files = Files.list(cache)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no model, sidecar or .part left").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
