package com.poseops.endpoints.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import com.poseops.endpoints.ServedModel;
import com.poseops.inference.TestData;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The local control plane's own life with real inference-server child processes on the shared Lightning int8 model:
 * it creates the endpoint from the configured model, comes back by itself after a crash (kill -9), leaves no process
 * behind, and says in SageMaker's words (Creating, Failed with the reason) what goes on without a model.
 */
@PoseOpsSpringTest
class LocalControlPlaneTest {

    @Autowired
    DynamoDbTables tables;

    @Test
    void servesAndComesBackByItselfAfterTheProcessIsKilled() throws Exception {
        List<Status> seen = new CopyOnWriteArrayList<>();
        try (LocalControlPlane plane = plane(LocalBlueGreenTest.unique("watchdog"), TestData.lightningInt8Model(), failingDownload(), 1)) {
            plane.onChange(() -> plane.describe().ifPresent(d -> seen.add(d.status())));
            plane.start();
            EndpointDescription serving = await(plane, "InService, as a listener was told",
                    d -> d.status() == Status.IN_SERVICE && seen.contains(Status.IN_SERVICE));
            assertThat(serving.variants()).singleElement().satisfies(variant -> {
                assertThat(variant.variantName()).isEqualTo("blue");
                assertThat(variant.model().modelName()).isEqualTo("movenet_singlepose_lightning_int8_4");
                assertThat(variant.model().version()).as("the configured model is not a registered version").isNull();
                assertThat(variant.model().sha256()).isEqualTo(
                        "cd7cc22fa946e5d146a7b98d496853e1923e22828d3972d579973f27f91bb105");
                assertThat(variant.currentWeight()).isEqualTo(1.0);
                assertThat(variant.currentInstanceCount()).isEqualTo(1);
            });
            long firstPid = plane.pidsByVariant().get("blue").getFirst();

            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // kill -9, as a crash would
            EndpointDescription down = await(plane, "not serving", d -> d.status() != Status.IN_SERVICE);
            assertThat(down.status()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(down.variants().getFirst().statuses()).extracting(VariantStatus::message).singleElement()
                    .asString().contains("stopped and is being started again");

            await(plane, "InService again", d -> d.status() == Status.IN_SERVICE);
            long secondPid = plane.pidsByVariant().get("blue").getFirst();
            assertThat(secondPid).as("a new process serves").isNotEqualTo(firstPid);
            assertThat(seen).as("the statuses a listener saw, in order")
                    .containsSubsequence(Status.CREATING, Status.IN_SERVICE, Status.OUT_OF_SERVICE, Status.IN_SERVICE);

            plane.close();
            assertThat(ProcessHandle.of(secondPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("the child process after close()").isFalse();
        }
    }

    @Test
    void closingWhileTheEndpointStartsLeavesNoProcessBehind() throws Exception {
        List<ProcessHandle> before = ProcessHandle.current().children().toList();
        LocalControlPlane plane = plane(LocalBlueGreenTest.unique("closing"), TestData.lightningInt8Model(), failingDownload(), 1);
        plane.start();
        await(plane, "starting a process", d -> d.status() == Status.CREATING && !plane.pidsByVariant().isEmpty());
        List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> !before.contains(child)).toList();
        assertThat(children).as("the new child processes").isNotEmpty();
        plane.close();
        for (ProcessHandle child : children) {
            assertThat(child.isAlive()).as("child %s after close() during start", child.pid()).isFalse();
        }
    }

    @Test
    void aConfiguredModelThatIsNotThereFailsTheEndpointWithTheFix() throws Exception {
        Path missing = Path.of("target/no-such-dir/model.tflite").toAbsolutePath();
        try (LocalControlPlane plane = plane(LocalBlueGreenTest.unique("missing-model"), missing, failingDownload(), 1)) {
            plane.start();
            EndpointDescription failed = await(plane, "Failed", d -> d.status() == Status.FAILED);
            assertThat(failed.failureReason()).contains(missing.toString()).contains("POSEOPS_MODEL_PATH")
                    .contains("restart PoseOps");
            assertThat(plane.pidsByVariant()).isEmpty();
        }
    }

    @Test
    void aFailedDownloadShowsItsProgressWhileCreatingThenFailsWithHowToFixIt() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        ModelDownload offline = (cache, progress) -> {
            progress.accept(0.25);
            throw new IOException("tfhub.dev: Network is unreachable");
        };
        try (LocalControlPlane plane = plane(LocalBlueGreenTest.unique("offline"), null, offline, 1)) {
            plane.onChange(() -> plane.describe().ifPresent(d -> d.variants().forEach(v -> v.statuses()
                    .forEach(s -> messages.add(d.status().label() + ": " + s.message())))));
            plane.start();
            EndpointDescription failed = await(plane, "Failed", d -> d.status() == Status.FAILED);
            assertThat(failed.failureReason()).contains("Network is unreachable").contains("POSEOPS_MODEL_PATH");
            assertThat(messages).contains("Creating: Downloading the MoveNet model… 25 %");
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
        List<String> messages = new CopyOnWriteArrayList<>();
        String name = LocalBlueGreenTest.unique("download");
        try (LocalControlPlane plane = plane(name, null, OfficialModelDownload.from(
                URI.create("http://127.0.0.1:" + mirror.getAddress().getPort() + "/")), 1)) {
            plane.onChange(() -> plane.describe().ifPresent(d -> d.variants().forEach(v -> v.statuses()
                    .forEach(s -> messages.add(s.message())))));
            plane.start();
            EndpointDescription failed = await(plane, "Failed", d -> d.status() == Status.FAILED);
            assertThat(failed.failureReason()).contains("the official MoveNet model could not be downloaded (the "
                    + "downloaded file is not a usable MoveNet model)")
                    .contains("POSEOPS_MODEL_PATH");
            assertThat(messages).as("download progress shown on the way").contains(
                    "Downloading the MoveNet model… 100 %");
            Path cache = dataDirectory(name).resolve("models");
            try (var files = Files.list(cache)) {
                assertThat(files.map(Path::getFileName).map(Path::toString).toList())
                        .as("the cache after a refused download: no model, no partial file")
                        .noneMatch(file -> file.startsWith(OfficialModelDownload.VARIANT.fileName()));
            } catch (java.nio.file.NoSuchFileException noCache) {
                // nothing was left behind
            }
        } finally {
            mirror.stop(0);
        }
    }

    @Test
    void aFleetHasInstanceCountProcessesButNeverMoreThanTheCores() throws Exception {
        try (LocalControlPlane plane = plane(LocalBlueGreenTest.unique("cap"), TestData.lightningInt8Model(), failingDownload(), 2)) {
            ServedModel model = new ServedModel("m", 1, "file:/m.tflite", null);
            assertThat(plane.processesFor(new LocalConfig("c", model, "ml.m5.xlarge", 1, Instant.now()))).isEqualTo(1);
            assertThat(plane.processesFor(new LocalConfig("c", model, "ml.m5.xlarge", 2, Instant.now()))).isEqualTo(2);
            assertThat(plane.processesFor(new LocalConfig("c", model, "ml.m5.xlarge", 8, Instant.now())))
                    .as("capped by the cores").isEqualTo(2);
        }
    }

    @Test
    void aFrontDoorPortInUseIsRefusedWithTheKeyToChange() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                LocalControlPlane plane = LocalControlPlane.create(new LocalControlPlane.Settings("taken",
                        "taken-config", "taken-model", "ml.m5.xlarge", 1, 1), tables, TestData.lightningInt8Model(),
                        dataDirectory("taken"), failingDownload(), taken.getLocalPort(), List::of,
                        Clock.systemUTC())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(plane::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("POSEOPS_LOCAL_ENDPOINT_PORT");
            assertThat(plane.pidsByVariant()).as("no process started").isEmpty();
        }
    }

    /** A control plane of its own (a name used once, so no stored configuration of an earlier run applies). */
    private LocalControlPlane plane(String endpointName, Path model, ModelDownload download, int cores)
            throws IOException {
        return LocalControlPlane.create(new LocalControlPlane.Settings(endpointName, endpointName + "-config",
                        endpointName + "-model", "ml.m5.xlarge", 1, cores), tables, model, dataDirectory(endpointName),
                download, 0, List::of, Clock.systemUTC());
    }

    private static Path dataDirectory(String endpointName) throws IOException {
        return Files.createDirectories(Path.of("target/test-data/endpoints", endpointName));
    }

    private static ModelDownload failingDownload() {
        return ModelDownload.unavailable("no download in this test");
    }

    private static EndpointDescription await(LocalControlPlane plane, String what,
            Predicate<EndpointDescription> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Optional<EndpointDescription> last = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            last = plane.describe();
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the endpoint did not become " + what + " in time; last: " + last.orElse(null));
    }
}
