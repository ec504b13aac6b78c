package com.poseops.inference.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.BodyPart;
import com.poseops.inference.TestData;
import com.poseops.inference.calibration.CalibrationFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on the shared images: trained on image1 and the Coral squat, validated on image2 (which it never sees in
 * training). Few epochs and views, so that CI stays short; the numbers of a full run are in docs/PERFORMANCE.md.
 */
class TrainerTest {

    /** Small but real: enough epochs for the held-out error to move, few views per image. */
    static final Map<String, String> SHORT = Map.of("epochs", "20", "augmentations", "3",
            "validation_augmentations", "6", "patience", "20");

    @TempDir
    Path temp;

    @Test
    void calibrationLowersTheHeldOutCalibrationErrorOnAnImageItNeverTrainedOn() throws Exception {
        TrainingPaths paths = LabelledSets.jobRoot(temp.resolve("job"), SHORT,
                List.of(LabelledSets.IMAGE1, LabelledSets.SQUAT), List.of(LabelledSets.IMAGE2));
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        TrainMain.run(paths, new PrintStream(output, true, StandardCharsets.UTF_8), () -> false);

        CalibrationFile calibration = CalibrationFile.read(paths.model().resolve(CalibrationFile.FILE_NAME));
        assertThat(calibration.heldOut()).isNotNull();
        assertThat(calibration.heldOut().eceAfter()).as("held-out ECE after vs before %s", calibration.heldOut())
                .isLessThan(calibration.heldOut().eceBefore());
        assertThat(calibration.heldOut().logLossAfter()).isLessThan(calibration.heldOut().logLossBefore());
        assertThat(calibration.trainingImages()).extracting(CalibrationFile.ImageRef::name)
                .containsExactly(LabelledSets.IMAGE1, LabelledSets.SQUAT);
        assertThat(calibration.trainingImages().getFirst().sha256())
                .isEqualTo(com.poseops.inference.engine.ModelFile.sha256(LabelledSets.imageFile(LabelledSets.IMAGE1)));
        assertThat(calibration.validationImages()).extracting(CalibrationFile.ImageRef::name)
                .containsExactly(LabelledSets.IMAGE2);
        assertThat(calibration.rule().fraction()).isEqualTo(0.2);
        assertThat(Files.readAllBytes(paths.model().resolve("model.tflite"))).as("the model itself is unchanged")
                .isEqualTo(Files.readAllBytes(TestData.lightningInt8Model()));

        // Every epoch line (0 = the model's own scores, then 1..20) carries every per-epoch metric the regexes catch.
        List<String> epochLines = output.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("[epoch ")).toList();
        assertThat(epochLines).hasSize(calibration.epochs() + 1);
        for (TrainerMetrics.Definition metric : TrainerMetrics.DEFINITIONS.subList(0, 5)) {
            Pattern regex = Pattern.compile(metric.regex());
            assertThat(epochLines).as(metric.name()).allSatisfy(line -> assertThat(regex.matcher(line).find()).isTrue());
        }
        Matcher before = Pattern.compile(TrainerMetrics.DEFINITIONS.get(5).regex())
                .matcher(output.toString(StandardCharsets.UTF_8));
        assertThat(before.find()).as("the held-out summary line").isTrue();
        assertThat(Double.parseDouble(before.group(1))).isCloseTo(calibration.heldOut().eceBefore(),
                org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void aHyperparameterOfTheWrongTypeFailsTheJobWithAClearFailureFile() throws Exception {
        TrainingPaths paths = LabelledSets.jobRoot(temp.resolve("job"), Map.of("epochs", "ten"),
                List.of(LabelledSets.IMAGE1), List.of());

        Process process = TrainProcess.start(paths, temp.resolve("log.txt"));

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(paths.failure())).isEqualTo(
                "Hyperparameter epochs = 'ten' is not a whole number; expected a whole number from 1 to 1000 "
                        + "(default 60).");
        assertThat(paths.model().resolve(CalibrationFile.FILE_NAME)).doesNotExist();
    }

    @Test
    void aMissingTrainChannelFailsTheJobNamingIt() throws Exception {
        TrainingPaths paths = LabelledSets.jobRoot(temp.resolve("job"), Map.of(), List.of(), List.of());

        Process process = TrainProcess.start(paths, temp.resolve("log.txt"));

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(paths.failure())).startsWith("No 'train' channel");
    }

    @Test
    void sigtermStopsTheTrainingAndKeepsTheBestPairsSoFar() throws Exception {
        TrainingPaths paths = LabelledSets.jobRoot(temp.resolve("job"),
                Map.of("epochs", "1000", "patience", "1000", "augmentations", "2", "validation_augmentations", "1"),
                List.of(LabelledSets.IMAGE1), List.of(LabelledSets.IMAGE2));
        Path log = temp.resolve("log.txt");
        Process process = TrainProcess.start(paths, log);
        TrainProcess.awaitLine(process, log, "[epoch 2/1000]", Duration.ofSeconds(120));

        process.destroy(); // SIGTERM, as StopTrainingJob and the console's Stop send

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        CalibrationFile kept = CalibrationFile.read(paths.model().resolve(CalibrationFile.FILE_NAME));
        assertThat(kept.epochs()).isBetween(2, 999);
        assertThat(kept.calibration().a()).hasSize(BodyPart.COUNT);
        assertThat(Files.readString(log)).contains("stopped early on request");
        assertThat(paths.failure()).doesNotExist();
    }
}
