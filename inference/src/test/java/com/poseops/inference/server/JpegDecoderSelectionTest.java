package com.poseops.inference.server;

import com.poseops.inference.TestData;
import com.poseops.inference.TestImages;
import com.poseops.inference.TestPorts;
import com.poseops.inference.image.JpegDecoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which JPEG decoder the server uses, as a user sees it: one log line at start, TurboJPEG where libturbojpeg0 is
 * installed (CI installs it), ImageIO where the library is absent — and the JPEGs still decode.
 */
class JpegDecoderSelectionTest {

    private static final String MISSING_LIBRARY = "/nonexistent/libturbojpeg.so.0";

    @TempDir
    Path dir;

    @Test
    void theInstalledLibraryIsUsedAndNamed() {
        JpegDecoders decoders = JpegDecoders.resolve(JpegDecoders.Setting.defaults());
        assertThat(decoders.usesTurboJpeg()).as("libturbojpeg0 is installed (.ci/run installs it): %s",
                decoders.description()).isTrue();
        assertThat(decoders.description()).startsWith("TurboJPEG (libturbojpeg.so.0)");
    }

    @Test
    void withoutTheLibraryTheServerSaysImageIoAndStillDecodesJpegs() throws Exception {
        int port = TestPorts.freeLoopbackPort();
        Path log = dir.resolve("server.log");
        Process server = ServerProcess.start(port, log, Map.of("INFERENCE_TURBOJPEG_LIBRARY", MISSING_LIBRARY));
        try {
            awaitReady(port, server, log);
            String started = ServerProcess.read(log);
            assertThat(started).contains("JPEG decoder: ImageIO (" + MISSING_LIBRARY + " could not be loaded")
                    .contains("apt-get install libturbojpeg0");
            BufferedImage image2 = ImageIO.read(TestData.tensorflowExamples("image2.jpeg").toFile());
            for (byte[] jpeg : new byte[][] {Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg")),
                    TestImages.cmykJpeg(image2), TestImages.jpeg(image2, 0.9f, true)}) {
                HttpResponse<String> response = post(port, jpeg);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"width\":399");
            }
        } finally {
            server.destroy();
            server.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void requiringTurboJpegWithoutTheLibraryStopsTheStartWithTheReason() throws Exception {
        Path log = dir.resolve("required.log");
        Process server = ServerProcess.start(TestPorts.freeLoopbackPort(), log, Map.of(
                "INFERENCE_TURBOJPEG_LIBRARY", MISSING_LIBRARY, "INFERENCE_JPEG_DECODER", "turbojpeg"));
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(ServerProcess.read(log)).contains("TurboJPEG was required but " + MISSING_LIBRARY)
                .contains("apt-get install libturbojpeg0");
    }

    private static void awaitReady(int port, Process server, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            assertThat(server.isAlive()).as("alive; log:%n%s", ServerProcess.read(log)).isTrue();
            assertThat(System.nanoTime()).as("ready; log:%n%s", ServerProcess.read(log)).isLessThan(deadline);
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> post(int port, byte[] jpeg) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/invocations")).header("Content-Type", "image/jpeg")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
