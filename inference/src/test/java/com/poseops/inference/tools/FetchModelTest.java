package com.poseops.inference.tools;

import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import com.poseops.inference.engine.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fetch-model command: the offline path (--from + --pack, read back with GNU tar) and its failures. */
class FetchModelTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return FetchModel.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void fromALocalModelValidatesCachesAndPacksAModelTarGzThatGnuTarReads() throws Exception {
        Path archive = dir.resolve("out/model.tar.gz");
        Path cache = dir.resolve("cache");
        int status = run(Map.of(), "--from", TestData.lightningInt8Model().toString(), "--cache", cache.toString(),
                "--pack", archive.toString());

        assertThat(status).as(err.toString()).isZero();
        String sha = ModelFile.sha256(TestData.lightningInt8Model());
        assertThat(out.toString()).contains("SHA256: " + sha).contains("192×192 uint8").contains("model.tar.gz");
        Path cached = cache.resolve("movenet_singlepose_lightning_int8_4.tflite");
        assertThat(VerifiedModel.matchesSidecar(cached)).isTrue();
        assertThat(Files.exists(archive.resolveSibling("model.tar.gz.part"))).isFalse();

        Process list = new ProcessBuilder("tar", "-tvzf", archive.toString()).redirectErrorStream(true).start();
        String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as(listing).isZero();
        assertThat(listing.strip().lines()).hasSize(1);
        assertThat(listing).contains(" model.tflite").contains(Long.toString(Files.size(cached)));

        Path unpacked = Files.createDirectories(dir.resolve("opt-ml-model"));
        Process extract = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        extract.getInputStream().readAllBytes();
        assertThat(extract.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ModelFile.sha256(unpacked.resolve("model.tflite"))).isEqualTo(sha);
    }

    @Test
    void fromAFileThatIsNotAModelFailsWithTheEnginesMessage() throws IOException {
        byte[] garbage = new byte[4096];
        new Random(3).nextBytes(garbage);
        Path bad = Files.write(dir.resolve("model.tflite"), garbage);
        int status = run(Map.of(), "--from", bad.toString(), "--cache", dir.resolve("cache").toString(),
                "--pack", dir.resolve("model.tar.gz").toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("Not a TensorFlow Lite model").doesNotContain("Exception");
        assertThat(dir.resolve("model.tar.gz")).doesNotExist();
    }

    @Test
    void withoutNetworkItSaysWhichUrlFailedAndHowToGoOn() throws IOException {
        int port = TestPorts.freeLoopbackPort();
        int status = run(Map.of(ModelDownloader.BASE_URL_ENV, "http://127.0.0.1:" + port + "/"),
                "--variant", "lightning", "--cache", dir.toString());
        assertThat(status).isEqualTo(1);
        String message = err.toString();
        assertThat(message).contains("http://127.0.0.1:" + port
                        + "/google/lite-model/movenet/singlepose/lightning/tflite/float16/4?lite-format=tflite")
                .contains("--from FILE").contains("MODEL_PATH").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run(Map.of(), "--variant", "medium")).isEqualTo(2);
        assertThat(err.toString()).contains("thunder or lightning").contains("Usage:");
        assertThat(run(Map.of(), "--pack")).isEqualTo(2);
    }
}
