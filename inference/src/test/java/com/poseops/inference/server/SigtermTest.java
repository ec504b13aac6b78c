package com.poseops.inference.server;

import com.poseops.inference.TestData;
import com.poseops.inference.TestImages;
import com.poseops.inference.TestPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real process, as SageMaker runs it: {@code server.Main} in its own JVM receives SIGTERM while requests are
 * running and queued; they are answered, then the process exits.
 */
class SigtermTest {

    @TempDir
    Path dir;

    @Test
    void sigtermFinishesInFlightRequestsThenExits() throws Exception {
        int port = TestPorts.freeLoopbackPort();
        Path log = dir.resolve("server.log");
        Process server = ServerProcess.start(port, log, Map.of("INFERENCE_QUEUE_CAPACITY", "16"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            URI ping = URI.create("http://127.0.0.1:" + port + "/ping");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline && server.isAlive()) {
                try {
                    status = client.send(HttpRequest.newBuilder(ping).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYetListening) {
                    Thread.sleep(100);
                }
            }
            assertThat(status).as("ready; log:%n%s", ServerProcess.read(log)).isEqualTo(200);
            assertThat(ServerProcess.read(log)).as("one line names the decoder")
                    .contains("JPEG decoder: TurboJPEG (libturbojpeg.so.0), DCT scaling; crop refinement: auto");

            // Several large PNGs on one worker: while the first runs, the others wait in the queue. PNG, because a
            // JPEG is decoded at a reduced DCT scale so fast that all eight could be answered before the client has
            // even seen the first answer on a loaded machine (no request would then be in flight at SIGTERM).
            BufferedImage image2 = ImageIO.read(TestData.tensorflowExamples("image2.jpeg").toFile());
            byte[] big = TestImages.encode(TestImages.scaled(image2, 3), "png");
            URI invocations = URI.create("http://127.0.0.1:" + port + "/invocations");
            List<CompletableFuture<long[]>> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                requests.add(client.sendAsync(HttpRequest.newBuilder(invocations).header("Content-Type", "image/png")
                                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                        HttpResponse.BodyHandlers.ofString()).thenApply(r -> new long[] {r.statusCode(),
                        System.nanoTime()}));
            }
            CompletableFuture.anyOf(requests.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            long sigterm = System.nanoTime();
            server.destroy(); // SIGTERM

            int answeredAfterSigterm = 0;
            for (CompletableFuture<long[]> request : requests) {
                try {
                    long[] result = request.get(60, TimeUnit.SECONDS);
                    assertThat(result[0]).as("a request accepted before SIGTERM is answered (or refused as not ready)")
                            .isIn(200L, 503L);
                    if (result[0] == 200 && result[1] > sigterm) {
                        answeredAfterSigterm++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).as("only requests that had not reached the server fail")
                            .isInstanceOf(IOException.class);
                }
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            String output = ServerProcess.read(log);
            assertThat(answeredAfterSigterm).as("in-flight requests finished after SIGTERM; log:%n%s", output)
                    .isGreaterThanOrEqualTo(1);
            assertThat(server.exitValue()).as("terminated by SIGTERM (128 + 15)").isEqualTo(143);
            assertThat(output).contains("Stopping: finishing in-flight requests").contains("Stopped in")
                    .doesNotContain("SIGSEGV", "hs_err");
        } finally {
            server.destroyForcibly();
        }
    }
}
