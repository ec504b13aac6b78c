package com.poseops.inference.engine;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.ModelLoadException;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Wrong model files give a message a person can act on, never a native crash. */
class ModelLoadingTest {

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        assertThatThrownBy(() -> MoveNetEngine.load(dir.resolve("nope.tflite")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Model file not found")
                .hasMessageContaining("nope.tflite")
                .hasMessageContaining("MODEL_PATH");
    }

    @Test
    void directoryInsteadOfFile() {
        assertThatThrownBy(() -> MoveNetEngine.load(dir)).hasMessageContaining("not a file");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.tflite"));
        assertThatThrownBy(() -> MoveNetEngine.load(empty))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("empty (0 bytes)");
    }

    @Test
    void garbageFile() throws IOException {
        byte[] random = new byte[100_000];
        new Random(1).nextBytes(random);
        Path garbage = Files.write(dir.resolve("garbage.tflite"), random);
        assertThatThrownBy(() -> MoveNetEngine.load(garbage))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Not a TensorFlow Lite model");
    }

    @Test
    void gzipArchiveInsteadOfTheModel() throws IOException {
        Path gz = Files.write(dir.resolve("model.tflite"), new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3});
        assertThatThrownBy(() -> MoveNetEngine.load(gz)).hasMessageContaining("gzip").hasMessageContaining("unpack");
    }

    @Test
    void truncatedModelIsCaughtByTheFlatbufferVerifier() throws IOException {
        byte[] real = Files.readAllBytes(TestData.lightningInt8Model());
        Path truncated = Files.write(dir.resolve("truncated.tflite"), Arrays.copyOf(real, real.length / 3));
        assertThatThrownBy(() -> MoveNetEngine.load(truncated))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void tfliteModelThatIsNotSinglePoseIsRefusedByItsOutputShape() throws IOException {
        // A valid TFLite model whose only tensor is both input and output: [1,192,192,3] uint8.
        byte[] model = TinyTfLiteModel.build(
                List.of(new TinyTfLiteModel.Tensor("image", TinyTfLiteModel.UINT8, 1, 192, 192, 3)),
                new int[] {0}, new int[] {0});
        Path path = Files.write(dir.resolve("identity.tflite"), model);
        assertThatThrownBy(() -> MoveNetEngine.load(path))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Not a MoveNet SinglePose model")
                .hasMessageContaining("[1,192,192,3]")
                .hasMessageContaining("float32 [1,1,17,3]");
    }

    @Test
    void multiPoseLikeOutputIsRefused() throws IOException {
        byte[] model = TinyTfLiteModel.build(List.of(
                        new TinyTfLiteModel.Tensor("image", TinyTfLiteModel.INT32, 1, 256, 256, 3),
                        new TinyTfLiteModel.Tensor("poses", TinyTfLiteModel.FLOAT32, 1, 6, 56)),
                new int[] {0}, new int[] {1});
        Path path = Files.write(dir.resolve("multipose.tflite"), model);
        assertThatThrownBy(() -> MoveNetEngine.load(path))
                .hasMessageContaining("[1,6,56]")
                .hasMessageContaining("MultiPose models are not supported");
    }

    @Test
    void nonSquareInputIsRefused() throws IOException {
        byte[] model = TinyTfLiteModel.build(List.of(
                        new TinyTfLiteModel.Tensor("image", TinyTfLiteModel.UINT8, 1, 192, 256, 3),
                        new TinyTfLiteModel.Tensor("keypoints", TinyTfLiteModel.FLOAT32, 1, 1, 17, 3)),
                new int[] {0}, new int[] {1});
        Path path = Files.write(dir.resolve("wide.tflite"), model);
        assertThatThrownBy(() -> MoveNetEngine.load(path)).hasMessageContaining("input shape [1,192,256,3]");
    }

    @Test
    void outputThatNoOperatorComputesIsRefusedInsteadOfCrashingTheJvm() throws IOException {
        // Valid flatbuffer, right shapes and types, but no operator writes the output: TFLite never allocates it and
        // TfLiteTensorCopyToBuffer would memcpy from a null pointer (this crashed the JVM with SIGSEGV once).
        byte[] model = TinyTfLiteModel.build(List.of(
                        new TinyTfLiteModel.Tensor("image", TinyTfLiteModel.INT32, 1, 256, 256, 3),
                        new TinyTfLiteModel.Tensor("keypoints", TinyTfLiteModel.FLOAT32, 1, 1, 17, 3)),
                new int[] {0}, new int[] {1});
        Path path = Files.write(dir.resolve("no-ops.tflite"), model);
        assertThatThrownBy(() -> MoveNetEngine.load(path))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("no-ops.tflite")
                .hasMessageContaining("output tensor without memory")
                .hasMessageContaining("no operator computes it");
    }

    @Test
    void inputSizeAndTypeAreReadFromTheModel() throws Exception {
        // uint8 (TFLite v4), int32 (SavedModel export) and float32 (v3) inputs at Lightning and Thunder sizes; the
        // output is a constant pose (every keypoint at the centre of the model input, score 0.9) computed by a RELU.
        float[] centre = new float[17 * 3];
        for (int k = 0; k < 17; k++) {
            centre[k * 3] = 0.5f;
            centre[k * 3 + 1] = 0.5f;
            centre[k * 3 + 2] = 0.9f;
        }
        record Variant(int type, String label, int size) {
        }
        for (Variant v : List.of(new Variant(TinyTfLiteModel.UINT8, "uint8", 192),
                new Variant(TinyTfLiteModel.INT32, "int32", 256),
                new Variant(TinyTfLiteModel.FLOAT32, "float32", 256),
                new Variant(TinyTfLiteModel.FLOAT32, "float32", 192))) {
            String name = "movenet-like-" + v.label() + "-" + v.size();
            Path path = Files.write(dir.resolve(name + ".tflite"),
                    TinyTfLiteModel.constantPose(v.type(), v.size(), centre));
            try (MoveNetEngine engine = MoveNetEngine.load(path, EngineOptions.defaults().withWorkers(1))) {
                assertThat(engine.model().inputSize()).as(name).isEqualTo(v.size());
                assertThat(engine.model().inputType()).as(name).isEqualTo(v.label());
                assertThat(engine.model().name()).isEqualTo(name);
                assertThat(engine.model().sha256()).isEqualTo(ModelFile.sha256(path));
                engine.warmUp();
                // The whole pipeline runs with that input type; the centre of the letterboxed input maps back to
                // the centre of the 300×200 image.
                for (int run = 0; run < 3; run++) {
                    PosePrediction pose = engine.estimate(new BufferedImage(300, 200, BufferedImage.TYPE_3BYTE_BGR));
                    assertThat(pose.keypoints()).hasSize(17);
                    assertThat(pose.imageWidth()).isEqualTo(300);
                    assertThat(pose.keypoints()).allSatisfy(k -> {
                        assertThat(k.x()).as(name).isCloseTo(150, within(1.5));
                        assertThat(k.y()).as(name).isCloseTo(100, within(1.5));
                        assertThat(k.score()).isCloseTo(0.9, within(1e-6));
                    });
                    assertThat(pose.score()).isCloseTo(0.9, within(1e-6));
                }
            }
        }
    }

    @Test
    void aModelThatIsCollectedAndReloadedManyTimesNeverCrashes() throws Exception {
        // Native objects are freed when their Java wrappers are collected: load, run and drop engines while forcing
        // collections, so a missing strong reference shows up here as a crash rather than in production.
        Path path = Files.write(dir.resolve("churn.tflite"),
                TinyTfLiteModel.constantPose(TinyTfLiteModel.UINT8, 192, new float[17 * 3]));
        for (int i = 0; i < 20; i++) {
            MoveNetEngine engine = MoveNetEngine.load(path, EngineOptions.defaults().withWorkers(1));
            System.gc();
            assertThat(engine.estimate(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB)).keypoints()).hasSize(17);
            engine.close();
        }
        System.gc();
    }

    @Test
    void aModelThatLoadsButFailsWhenRunPassesTheLoadChecksAndFailsItsWarmUp() throws Exception {
        Path path = BrokenModels.loadsButFailsToRun(dir);
        try (MoveNetEngine engine = MoveNetEngine.load(path, EngineOptions.defaults().withWorkers(1))) {
            assertThat(engine.model().inputSize()).isEqualTo(192);
            assertThatThrownBy(engine::warmUp).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Invoke");
        }
        assertThatThrownBy(() -> MoveNetEngine.loadWarmedUp(path, EngineOptions.defaults().withWorkers(1)))
                .hasMessageContaining("Invoke");
    }

    @Test
    void theRealModelLoadsWithItsOwnInputSizeAndType() throws Exception {
        try (MoveNetEngine engine = MoveNetEngine.load(TestData.lightningInt8Model(),
                EngineOptions.defaults().withWorkers(1))) {
            assertThat(engine.model().inputSize()).isEqualTo(192);
            assertThat(engine.model().inputType()).isEqualTo("uint8");
            assertThat(engine.model().sha256())
                    .isEqualTo("cd7cc22fa946e5d146a7b98d496853e1923e22828d3972d579973f27f91bb105");
        }
    }
}
