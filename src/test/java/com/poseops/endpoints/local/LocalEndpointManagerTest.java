package com.poseops.endpoints.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.EndpointState;
import com.poseops.endpoints.EndpointStatus;
import com.poseops.inference.TestData;
import com.poseops.testsupport.LocalEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The local endpoint with a real inference-server child process on the shared Lightning int8 model: it serves, it
 * comes back by itself after a crash (kill -9), it leaves no process behind, and it says what to do without a model.
 */
class LocalEndpointManagerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesAndComesBackByItselfAfterTheProcessIsKilled() throws Exception {
        List<EndpointStatus> seen = new CopyOnWriteArrayList<>();
        try (LocalEndpointManager manager = manager(TestData.lightningInt8Model(), failingDownload())) {
            manager.onStatusChange(seen::add);
            manager.start();
            EndpointStatus serving = LocalEndpoints.awaitServing(manager);
            assertThat(serving.variant()).isEqualTo("blue");
            assertThat(serving.model()).isEqualTo("movenet_singlepose_lightning_int8_4.tflite");
            URI first = manager.route().orElseThrow().baseUri();
            assertThat(ping(first)).as("/ping of the serving process").isEqualTo(200);
            long firstPid = manager.servingPid().orElseThrow();

            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // kill -9, as a crash would
            EndpointStatus down = LocalEndpoints.await(manager, "not serving", status -> !status.serving(),
                    Duration.ofSeconds(10));
            assertThat(down.state()).isIn(EndpointState.RESTARTING, EndpointState.CREATING);
            assertThat(down.message()).contains("stopped");
            assertThat(manager.route()).as("no route while the endpoint is down").isEmpty();

            LocalEndpoints.awaitServing(manager);
            long secondPid = manager.servingPid().orElseThrow();
            assertThat(secondPid).as("a new process serves").isNotEqualTo(firstPid);
            assertThat(ping(manager.route().orElseThrow().baseUri())).isEqualTo(200);
            assertThat(seen).extracting(EndpointStatus::state).as("the states a listener saw, in order")
                    .containsSubsequence(EndpointState.CREATING, EndpointState.IN_SERVICE, EndpointState.RESTARTING,
                            EndpointState.IN_SERVICE);

            manager.close();
            assertThat(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the child process after close()").isFalse();
            assertThat(manager.status().state()).isEqualTo(EndpointState.STOPPED);
            assertThat(manager.route()).isEmpty();
        }
    }

    @Test
    void closingWhileTheEndpointStartsLeavesNoProcessBehind() throws Exception {
        List<ProcessHandle> before = ProcessHandle.current().children().toList();
        LocalEndpointManager manager = manager(TestData.lightningInt8Model(), failingDownload());
        manager.start();
        LocalEndpoints.await(manager, "starting", status -> status.state() == EndpointState.CREATING
                && status.model() != null, Duration.ofSeconds(10));
        List<ProcessHandle> children = awaitChild(before);
        manager.close();
        for (ProcessHandle child : children) {
            assertThat(child.isAlive()).as("child %s after close() during start", child.pid()).isFalse();
        }
        assertThat(manager.status().state()).isEqualTo(EndpointState.STOPPED);
    }

    @Test
    void aConfiguredModelThatIsNotThereIsReportedWithTheFix() throws Exception {
        Path missing = Path.of("target/no-such-dir/model.tflite").toAbsolutePath();
        try (LocalEndpointManager manager = manager(missing, failingDownload())) {
            manager.start();
            EndpointStatus status = LocalEndpoints.awaitState(manager, EndpointState.NO_MODEL, Duration.ofSeconds(10));
            assertThat(status.message()).contains(missing.toString()).contains("POSEOPS_MODEL_PATH")
                    .contains("restart PoseOps");
            assertThat(manager.route()).isEmpty();
        }
    }

    @Test
    void aFailedDownloadReportsProgressThenSaysHowToFixIt() throws Exception {
        List<EndpointStatus> seen = new CopyOnWriteArrayList<>();
        ModelDownload offline = (cache, progress) -> {
            progress.accept(0.25);
            throw new IOException("tfhub.dev: Network is unreachable");
        };
        try (LocalEndpointManager manager = manager(null, offline)) {
            manager.onStatusChange(seen::add);
            manager.start();
            EndpointStatus status = LocalEndpoints.awaitState(manager, EndpointState.NO_MODEL, Duration.ofSeconds(10));
            assertThat(status.message()).contains("Network is unreachable").contains("POSEOPS_MODEL_PATH");
            assertThat(seen).anySatisfy(s -> {
                assertThat(s.state()).isEqualTo(EndpointState.DOWNLOADING_MODEL);
                assertThat(s.progress()).isEqualTo(0.25);
                assertThat(s.message()).contains("25 %");
            });
        }
    }

    @Test
    void theOfficialDownloadShowsProgressAndARefusedFileEndsInAMessageWithTheFix() throws Exception {
        com.sun.net.httpserver.HttpServer mirror = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        byte[] notAModel = new byte[512 * 1024];
        java.util.Arrays.fill(notAModel, (byte) 7);
        mirror.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, notAModel.length);
            for (int offset = 0; offset < notAModel.length; offset += 64 * 1024) {
                exchange.getResponseBody().write(notAModel, offset, 64 * 1024);
                exchange.getResponseBody().flush();
            }
            exchange.close();
        });
        mirror.start();
        List<EndpointStatus> seen = new CopyOnWriteArrayList<>();
        Path cache = Path.of("target/test-data/local-endpoint-manager/models");
        try (LocalEndpointManager manager = manager(null, OfficialModelDownload.from(
                URI.create("http://127.0.0.1:" + mirror.getAddress().getPort() + "/")))) {
            manager.onStatusChange(seen::add);
            manager.start();
            EndpointStatus status = LocalEndpoints.awaitState(manager, EndpointState.NO_MODEL, Duration.ofSeconds(30));
            assertThat(status.message()).contains("the official MoveNet model could not be downloaded (the "
                    + "downloaded file is not a usable MoveNet model)").contains("POSEOPS_MODEL_PATH");
            List<Double> progress = seen.stream().filter(s -> s.state() == EndpointState.DOWNLOADING_MODEL)
                    .map(EndpointStatus::progress).toList();
            assertThat(progress).as("download progress shown on the way").isNotEmpty().isSorted().contains(1.0);
            assertThat(progress.size()).as("one status per whole percent at most").isLessThanOrEqualTo(101);
            try (var files = Files.list(cache)) {
                assertThat(files.map(Path::getFileName).map(Path::toString).toList())
                        .as("the cache after a refused download: no model, no partial file")
                        .noneMatch(name -> name.startsWith(OfficialModelDownload.VARIANT.fileName()));
            } catch (java.nio.file.NoSuchFileException noCache) {
                // nothing was left behind
            }
        } finally {
            mirror.stop(0);
        }
    }

    private static LocalEndpointManager manager(Path model, ModelDownload download) throws IOException {
        Path data = Files.createDirectories(Path.of("target/test-data/local-endpoint-manager"));
        return new LocalEndpointManager("test-endpoint",
                ModelSources.configuredOrDownloaded(model, data.resolve("models"), download),
                InferenceLaunchCommand.forCurrentRuntime(), data.resolve("logs"), 1, Clock.systemUTC());
    }

    private static ModelDownload failingDownload() {
        return ModelDownload.unavailable("no download in this test");
    }

    /** The child processes started since {@code before} (other tests of this JVM may have children of their own). */
    private static List<ProcessHandle> awaitChild(List<ProcessHandle> before) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(child -> !before.contains(child)).toList();
            if (!children.isEmpty()) {
                return children;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no inference-server child process appeared");
    }

    private static int ping(URI base) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/ping")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
