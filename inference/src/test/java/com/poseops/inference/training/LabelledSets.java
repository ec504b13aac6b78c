package com.poseops.inference.training;

import com.poseops.inference.BodyPart;
import com.poseops.inference.TestData;
import com.poseops.inference.bench.LabelledSet;
import com.poseops.inference.labels.LabelFile;
import com.poseops.inference.labels.LabelledPose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Labelled image sets built at run time from ../shared (nothing of it is committed): tensorflow-examples image1 and
 * image2 with their truth, and the Coral squat with its reference output of this very model as a pseudo-label (the
 * keypoints it scored above 0.4, as the inference benchmark's {@link LabelledSet} counts them). Written
 * as folders (a training channel) or zips (a dataset upload) with a {@code labels.csv} that names each row's image.
 */
public final class LabelledSets {

    public static final String IMAGE1 = "image1.png";
    public static final String IMAGE2 = "image2.jpeg";
    public static final String SQUAT = "squat.bmp";

    private LabelledSets() {
    }

    /** The image file of one of the three labelled images. */
    public static Path imageFile(String name) {
        return switch (name) {
            case IMAGE1, IMAGE2 -> TestData.tensorflowExamples(name);
            case SQUAT -> TestData.coral(name);
            default -> throw new IllegalArgumentException("no labelled test image " + name);
        };
    }

    /** The truth of one of the three images, in pixels. */
    public static LabelledPose truth(String name) throws IOException {
        if (name.equals(SQUAT)) {
            return squatPseudoLabel();
        }
        List<double[][]> rows = TestData.truth();
        double[][] row = rows.get(name.equals(IMAGE1) ? 0 : 1);
        double[] x = new double[BodyPart.COUNT];
        double[] y = new double[BodyPart.COUNT];
        for (int k = 0; k < BodyPart.COUNT; k++) {
            x[k] = row[k][0];
            y[k] = row[k][1];
        }
        return LabelledPose.complete(name, x, y);
    }

    /** The Coral reference as a pseudo-label: the keypoints it scored above 0.4 ({@link LabelledSet#coralSquat}). */
    private static LabelledPose squatPseudoLabel() throws IOException {
        LabelledSet.Image squat = LabelledSet.coralSquat(TestData.coral(SQUAT).getParent());
        double[] x = new double[BodyPart.COUNT];
        double[] y = new double[BodyPart.COUNT];
        for (int k = 0; k < BodyPart.COUNT; k++) {
            x[k] = squat.truth()[k][0];
            y[k] = squat.truth()[k][1];
        }
        return new LabelledPose(SQUAT, x, y, squat.counted());
    }

    /** The CSV (with an image column) labelling the given images. */
    public static String labelsCsv(List<String> images) throws IOException {
        StringBuilder csv = new StringBuilder(LabelFile.namedCsvHeader()).append('\n');
        for (String image : images) {
            csv.append(LabelFile.namedCsvRow(truth(image))).append('\n');
        }
        return csv.toString();
    }

    /** A folder with the images and labels.csv (the layout of a training channel). */
    public static Path folder(Path directory, String... images) throws IOException {
        Files.createDirectories(directory);
        for (String image : images) {
            Files.copy(imageFile(image), directory.resolve(image));
        }
        Files.writeString(directory.resolve("labels.csv"), labelsCsv(List.of(images)), StandardCharsets.UTF_8);
        return directory;
    }

    /** A zip of the images and labels.csv, as a person would upload a dataset. */
    public static byte[] zip(String... images) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String image : images) {
            entries.put(image, Files.readAllBytes(imageFile(image)));
        }
        entries.put("labels.csv", labelsCsv(List.of(images)).getBytes(StandardCharsets.UTF_8));
        return zip(entries);
    }

    /** A zip of arbitrary entries (for the refusal tests). */
    public static byte[] zip(Map<String, byte[]> entries) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A training job's root: hyperparameters, the model channel (the shared Lightning int8), and the data channels. */
    public static TrainingPaths jobRoot(Path root, Map<String, String> hyperparameters, List<String> train,
            List<String> validation) throws IOException {
        TrainingPaths paths = new TrainingPaths(root);
        Files.createDirectories(paths.inputConfig());
        StringBuilder json = new StringBuilder("{");
        List<String> pairs = new ArrayList<>();
        hyperparameters.forEach((k, v) -> pairs.add("\"" + k + "\": \"" + v + "\""));
        json.append(String.join(", ", pairs)).append('}');
        Files.writeString(paths.hyperparameters(), json.toString());
        Files.createDirectories(paths.channel(TrainingPaths.MODEL));
        Files.copy(TestData.lightningInt8Model(), paths.channel(TrainingPaths.MODEL)
                .resolve(TestData.lightningInt8Model().getFileName()));
        if (!train.isEmpty()) {
            folder(paths.channel(TrainingPaths.TRAIN), train.toArray(String[]::new));
        }
        if (!validation.isEmpty()) {
            folder(paths.channel(TrainingPaths.VALIDATION), validation.toArray(String[]::new));
        }
        return paths;
    }
}
