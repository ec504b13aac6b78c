package com.poseops.registry;

import com.poseops.datasets.LabelledImages;
import com.poseops.inference.labels.LabelFile;
import com.poseops.inference.labels.LabelFormatException;
import com.poseops.inference.labels.LabelledPose;
import com.poseops.platform.config.EvaluationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled images of {@code Evaluation} in config.yml (the default evaluation set when no dataset is chosen on the
 * Models page): the truth CSV in the {@code pose_landmark_truth.csv} format, whose rows are the images that
 * {@code Evaluation.images} names, in order. Read with the inference code's own label reader, like every other set.
 */
final class EvaluationSet {

    /** Larger files are refused: an evaluation image, not a video. */
    static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    private EvaluationSet() {
    }

    /**
     * Reads the configured set's labels; the images are read when evaluated.
     *
     * @throws IllegalArgumentException with a message that names what is wrong in the files
     */
    static LabelledImages fromSettings(EvaluationSettings settings) {
        Path dir = settings.imagesDirectory();
        Path truth = settings.truthFile();
        if (dir == null || truth == null) {
            throw new IllegalArgumentException("No evaluation set is configured (Evaluation.imagesDir is empty)");
        }
        List<LabelledPose> poses;
        try {
            poses = LabelFile.parse(truth.getFileName().toString(), Files.readAllBytes(truth), settings.images());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the truth CSV " + truth + ": " + e.getMessage(), e);
        } catch (LabelFormatException e) {
            throw new IllegalArgumentException(e.getMessage() + " (Evaluation.truthCsv " + truth
                    + ", Evaluation.images " + settings.images() + ")", e);
        }
        List<LabelledImages.Item> items = new ArrayList<>();
        for (LabelledPose pose : poses) {
            Path file = dir.resolve(pose.image()).normalize();
            if (!file.startsWith(dir)) {
                throw new IllegalArgumentException("Evaluation image " + pose.image() + " is outside " + dir);
            }
            items.add(new LabelledImages.Item(pose.image(), pose, () -> read(file)));
        }
        return new LabelledImages("Evaluation.imagesDir " + dir + " (" + items.size() + " labelled images)", items);
    }

    private static byte[] read(Path file) {
        try {
            if (Files.size(file) > MAX_IMAGE_BYTES) {
                throw new IllegalArgumentException("Evaluation image " + file + " is larger than 20 MB");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read evaluation image " + file + ": " + e.getMessage(), e);
        }
    }
}
