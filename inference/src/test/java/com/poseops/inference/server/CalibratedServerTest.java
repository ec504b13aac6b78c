package com.poseops.inference.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.BodyPart;
import com.poseops.inference.EngineOptions;
import com.poseops.inference.Keypoint;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import com.poseops.inference.calibration.CalibrationFile;
import com.poseops.inference.calibration.CorrectnessRule;
import com.poseops.inference.calibration.KeypointCalibration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained version is the unchanged model plus calibration.json: the server (its own JVM, as SageMaker and a local
 * endpoint run it) then answers calibrated scores as {@code score} and the model's own as {@code rawScore}.
 */
class CalibratedServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path temp;

    @Test
    void withACalibrationNextToTheModelTheServerAnswersCalibratedScoresAndKeepsTheRawOnes() throws Exception {
        Path modelDirectory = Files.createDirectories(temp.resolve("model"));
        Path model = Files.copy(TestData.lightningInt8Model(), modelDirectory.resolve("model.tflite"));
        double[] a = new double[BodyPart.COUNT];
        double[] b = new double[BodyPart.COUNT];
        for (int k = 0; k < BodyPart.COUNT; k++) {
            a[k] = 1.5 + k * 0.05;
            b[k] = 0.8 - k * 0.1;
        }
        CalibrationFile calibration = new CalibrationFile(new KeypointCalibration(a, b), CorrectnessRule.DEFAULT,
                List.of(), List.of(), null, 10, 7);
        calibration.write(modelDirectory.resolve(CalibrationFile.FILE_NAME));
        byte[] image = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        PosePrediction uncalibrated;
        try (MoveNetEngine engine = MoveNetEngine.load(TestData.lightningInt8Model(),
                EngineOptions.defaults().withWorkers(1))) {
            uncalibrated = engine.estimate(image);
        }

        int port = TestPorts.freeLoopbackPort();
        Path log = temp.resolve("server.log");
        Process server = ServerProcess.start(port, log, Map.of("MODEL_PATH", model.toString()));
        try {
            awaitReady(server, port, log);
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/invocations"))
                    .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode root = JSON.readTree(response.body());
            assertThat(root.path("model").path("calibration").asString()).as("the calibration it applied")
                    .isEqualTo(CalibrationFile.sha256(Files.readAllBytes(modelDirectory.resolve("calibration.json"))));
            double calibratedSum = 0;
            double rawSum = 0;
            for (int k = 0; k < BodyPart.COUNT; k++) {
                JsonNode keypoint = root.path("keypoints").get(k);
                Keypoint own = uncalibrated.keypoints().get(k);
                double raw = keypoint.path("rawScore").asDouble();
                assertThat(raw).as("rawScore of %s is the model's own", own.name())
                        .isCloseTo(own.score(), Offset.offset(1e-4));
                assertThat(keypoint.path("score").asDouble()).as("calibrated score of %s", own.name())
                        .isCloseTo(KeypointCalibration.sigmoid(a[k] * KeypointCalibration.logit(own.score()) + b[k]),
                                Offset.offset(1e-4));
                assertThat(keypoint.path("x").asDouble()).as("positions are untouched")
                        .isCloseTo(own.x(), Offset.offset(0.01));
                calibratedSum += keypoint.path("score").asDouble();
                rawSum += raw;
            }
            assertThat(root.path("score").asDouble()).isCloseTo(calibratedSum / BodyPart.COUNT, Offset.offset(1e-3));
            assertThat(root.path("rawScore").asDouble()).isCloseTo(rawSum / BodyPart.COUNT, Offset.offset(1e-3));
            assertThat(root.path("score").asDouble()).isNotCloseTo(root.path("rawScore").asDouble(),
                    Offset.offset(0.01));
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBrokenCalibrationStopsTheServerAtStartWithAMessageNamingTheFile() throws Exception {
        Path modelDirectory = Files.createDirectories(temp.resolve("model"));
        Path model = Files.copy(TestData.lightningInt8Model(), modelDirectory.resolve("model.tflite"));
        Files.writeString(modelDirectory.resolve(CalibrationFile.FILE_NAME), "{\"format\": \"something else\"}");
        Path log = temp.resolve("server.log");

        Process server = ServerProcess.start(TestPorts.freeLoopbackPort(), log, Map.of("MODEL_PATH", model.toString()));

        assertThat(server.waitFor(120, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(ServerProcess.read(log)).contains("The calibration next to the model cannot be used")
                .contains("is not a PoseOps calibration file").contains(CalibrationFile.FILE_NAME);
    }

    private void awaitReady(Process server, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited: " + ServerProcess.read(log));
            }
            try {
                HttpResponse<Void> ping = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ping.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not get ready: " + ServerProcess.read(log));
    }
}
