package com.poseops.inference;

import com.poseops.inference.bench.LabelledSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locates the artefacts that are never committed (model, test images) under the directory given by the system
 * property {@code poseops.shared.dir} (Maven's Surefire sets it to {@code ../shared}). A missing property or file makes
 * the test fail with a message: skipping would hide that the accuracy checks did not run.
 */
public final class TestData {

    public static final String PROPERTY = "poseops.shared.dir";

    private TestData() {
    }

    public static Path sharedDir() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            fail("System property " + PROPERTY + " is not set. Run the tests through Maven (./mvnw test sets it to "
                    + "../shared) or pass -D" + PROPERTY + "=/path/to/shared.");
        }
        Path dir = Path.of(value);
        if (!Files.isDirectory(dir)) {
            fail(PROPERTY + " points to " + dir.toAbsolutePath() + ", which is not a directory. It must contain "
                    + "models/ and testdata/ (see ../shared/README.md).");
        }
        return dir;
    }

    /** MoveNet SinglePose Lightning int8 v4 from TF Hub. */
    public static Path lightningInt8Model() {
        return existing(sharedDir().resolve("models/movenet_singlepose_lightning_int8_4.tflite"));
    }

    public static Path tensorflowExamples(String file) {
        return existing(sharedDir().resolve("testdata/pose/tensorflow-examples").resolve(file));
    }

    public static Path coral(String file) {
        return existing(sharedDir().resolve("testdata/pose/coral").resolve(file));
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            fail("Test data file is missing: " + path.toAbsolutePath() + " (expected under " + PROPERTY + ").");
        }
        return path;
    }

    /**
     * The rows of tensorflow-examples' pose_landmark_truth.csv (row 0 = image1, row 1 = image2) as [keypoint][x, y]
     * in COCO order, columns matched by name (nose_x, nose_y, …).
     */
    public static List<double[][]> truth() throws IOException {
        return LabelledSet.truth(tensorflowExamples("pose_landmark_truth.csv"));
    }
}
