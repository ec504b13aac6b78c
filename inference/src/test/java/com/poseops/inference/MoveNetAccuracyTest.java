package com.poseops.inference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy against data produced outside this code: the TensorFlow examples' hand-checked keypoints (letterbox
 * preprocessing) and the Coral reference output of this very model (stretch preprocessing).
 */
class MoveNetAccuracyTest {

    /** Upstream tolerance (Chebyshev distance, pixels) of the TensorFlow examples pose tests. */
    private static final double TRUTH_TOLERANCE_PX = 21;
    /** Coral's tolerance in normalised coordinates, for keypoints scoring above 0.4 in both outputs. */
    private static final double CORAL_TOLERANCE = 0.04;
    private static final double CORAL_MIN_SCORE = 0.4;

    private static MoveNetEngine reducedDecode;
    private static MoveNetEngine fullDecode;

    @BeforeAll
    static void loadModel() throws ModelLoadException {
        EngineOptions options = EngineOptions.defaults().withWorkers(1);
        reducedDecode = MoveNetEngine.load(TestData.lightningInt8Model(), options);
        fullDecode = MoveNetEngine.load(TestData.lightningInt8Model(), options.withReducedResolutionDecode(false));
    }

    @AfterAll
    static void close() {
        reducedDecode.close();
        fullDecode.close();
    }

    @ParameterizedTest(name = "{0} (truth row {1}), reduced-resolution decode {2}")
    @CsvSource({
            "image1.png, 0, true", "image1.png, 0, false",
            "image2.jpeg, 1, true", "image2.jpeg, 1, false"})
    void everyKeypointIsWithinTheUpstreamToleranceOfTheTruth(String image, int truthRow, boolean reduced)
            throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.tensorflowExamples(image));
        BufferedImage decoded = ImageIO.read(TestData.tensorflowExamples(image).toFile());
        double[][] truth = TestData.truth().get(truthRow);

        PosePrediction pose = (reduced ? reducedDecode : fullDecode).estimate(bytes);

        assertThat(pose.imageWidth()).isEqualTo(decoded.getWidth());
        assertThat(pose.imageHeight()).isEqualTo(decoded.getHeight());
        double maxError = 0;
        double sumError = 0;
        StringBuilder report = new StringBuilder();
        for (BodyPart part : BodyPart.values()) {
            Keypoint k = pose.keypoint(part);
            double error = Math.max(Math.abs(k.x() - truth[part.ordinal()][0]),
                    Math.abs(k.y() - truth[part.ordinal()][1]));
            maxError = Math.max(maxError, error);
            sumError += error;
            report.append(String.format(Locale.ROOT, "%n  %-15s predicted (%6.1f, %6.1f) truth (%4.0f, %4.0f) "
                            + "error %5.1f px score %.2f", part.label(), k.x(), k.y(), truth[part.ordinal()][0],
                    truth[part.ordinal()][1], error, k.score()));
        }
        System.out.printf(Locale.ROOT, "%s reduced=%s: max error %.1f px, mean %.1f px%n", image, reduced, maxError,
                sumError / BodyPart.COUNT);
        assertThat(maxError).as("largest keypoint error (L-inf px) on %s:%s", image, report)
                .isLessThanOrEqualTo(TRUTH_TOLERANCE_PX);
    }

    @Test
    void stretchedSquatMatchesTheCoralReferenceOutputOfThisModel() throws IOException {
        BufferedImage squat = ImageIO.read(TestData.coral("squat.bmp").toFile());
        assertThat(squat).as("squat.bmp decodes").isNotNull();
        List<String> lines = Files.readAllLines(TestData.coral("movenet_single_pose_lightning_ptq_reference.csv"));
        assertThat(lines.getFirst()).isEqualTo("pose_id,pose_score,keypoint_id,keypoint_score,keypoint_x,keypoint_y");

        PosePrediction pose = fullDecode.estimate(squat, Preprocessing.STRETCH);

        int compared = 0;
        double maxDelta = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            BodyPart part = BodyPart.ofIndex(Integer.parseInt(f[2]));
            double referenceScore = Double.parseDouble(f[3]);
            double referenceX = Double.parseDouble(f[4]);
            double referenceY = Double.parseDouble(f[5]);
            Keypoint k = pose.keypoint(part);
            if (referenceScore > CORAL_MIN_SCORE && k.score() > CORAL_MIN_SCORE) {
                double dx = Math.abs(k.x() / squat.getWidth() - referenceX);
                double dy = Math.abs(k.y() / squat.getHeight() - referenceY);
                maxDelta = Math.max(maxDelta, Math.max(dx, dy));
                compared++;
                assertThat(Math.max(dx, dy)).as("%s: predicted (%.3f, %.3f) reference (%.3f, %.3f)", part.label(),
                        k.x() / squat.getWidth(), k.y() / squat.getHeight(), referenceX, referenceY)
                        .isLessThanOrEqualTo(CORAL_TOLERANCE);
            }
        }
        System.out.printf(Locale.ROOT, "Coral squat: %d keypoints compared, max delta %.4f%n", compared, maxDelta);
        assertThat(compared).as("keypoints scoring > 0.4 in both outputs").isGreaterThanOrEqualTo(8);
    }
}
