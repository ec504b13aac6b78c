package com.poseops.registry;

import com.poseops.inference.BodyPart;
import com.poseops.platform.config.EvaluationSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled images of {@code Evaluation} in config.yml: each image with its 17 true keypoints in pixels. The truth
 * CSV is the {@code pose_landmark_truth.csv} format of tensorflow/examples: a header {@code nose_x,nose_y,…} in COCO
 * order, then one row per image.
 */
public record EvaluationSet(List<LabelledImage> images) {

    /** Larger files are refused: an evaluation image, not a video. */
    static final long MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    static final long MAX_CSV_BYTES = 1024L * 1024;

    public record LabelledImage(String name, byte[] encoded, double[] truthX, double[] truthY) {
    }

    public EvaluationSet {
        images = List.copyOf(images);
    }

    /**
     * Reads the configured set.
     *
     * @throws IllegalArgumentException with a message that names what is wrong in the files
     */
    public static EvaluationSet load(EvaluationSettings settings) {
        Path dir = settings.imagesDirectory();
        Path truth = settings.truthFile();
        if (dir == null || truth == null) {
            throw new IllegalArgumentException("No evaluation set is configured (Evaluation.imagesDir is empty)");
        }
        List<String> lines;
        try {
            if (Files.size(truth) > MAX_CSV_BYTES) {
                throw new IllegalArgumentException("The truth CSV " + truth + " is larger than 1 MB");
            }
            lines = Files.readAllLines(truth, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the truth CSV " + truth + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("The truth CSV " + truth + " is empty");
        }
        checkHeader(lines.getFirst(), truth);
        List<String> rows = lines.subList(1, lines.size());
        if (rows.size() != settings.images().size()) {
            throw new IllegalArgumentException("The truth CSV " + truth + " has " + rows.size()
                    + " rows but Evaluation.images names " + settings.images().size() + " images");
        }
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String name = settings.images().get(i);
            Path file = dir.resolve(name).normalize();
            if (!file.startsWith(dir)) {
                throw new IllegalArgumentException("Evaluation image " + name + " is outside " + dir);
            }
            String[] cells = rows.get(i).split(",", -1);
            if (cells.length != BodyPart.COUNT * 2) {
                throw new IllegalArgumentException("Row " + (i + 2) + " of " + truth + " has " + cells.length
                        + " values; expected " + BodyPart.COUNT * 2 + " (x and y of 17 keypoints)");
            }
            double[] xs = new double[BodyPart.COUNT];
            double[] ys = new double[BodyPart.COUNT];
            for (int k = 0; k < BodyPart.COUNT; k++) {
                xs[k] = number(cells[2 * k], i + 2, truth);
                ys[k] = number(cells[2 * k + 1], i + 2, truth);
            }
            try {
                if (Files.size(file) > MAX_IMAGE_BYTES) {
                    throw new IllegalArgumentException("Evaluation image " + file + " is larger than 20 MB");
                }
                images.add(new LabelledImage(name, Files.readAllBytes(file), xs, ys));
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read evaluation image " + file + ": " + e.getMessage(), e);
            }
        }
        return new EvaluationSet(images);
    }

    private static void checkHeader(String header, Path truth) {
        String[] names = header.strip().split(",", -1);
        List<String> expected = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            expected.add(part.label() + "_x");
            expected.add(part.label() + "_y");
        }
        List<String> actual = java.util.Arrays.stream(names).map(String::strip).toList();
        if (!actual.equals(expected)) {
            throw new IllegalArgumentException("The truth CSV " + truth + " does not start with the header "
                    + "nose_x,nose_y,…,right_ankle_y (17 keypoints in COCO order)");
        }
    }

    private static double number(String cell, int row, Path truth) {
        try {
            double value = Double.parseDouble(cell.strip());
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Row " + row + " of " + truth + " has '" + cell.strip()
                    + "' where a pixel coordinate (a number ≥ 0) belongs");
        }
    }
}
