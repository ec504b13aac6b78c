package com.poseops.inference.calibration;

import com.poseops.inference.BodyPart;
import com.poseops.inference.engine.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@value #FILE_NAME}: what the trainer produces beside the unchanged {@code model.tflite}, and what the inference
 * server applies when it finds the file next to the model. It holds the 17 pairs, the definition of "correct" they were
 * fitted for, which images they were fitted and validated on (names and SHA-256) and the held-out numbers.
 *
 * @param calibration      the 17 (a, b) pairs
 * @param rule             what "correct" meant when they were fitted
 * @param trainingImages   the images of the {@code train} channel
 * @param validationImages the images of the {@code validation} channel (may be empty)
 * @param heldOut          calibration quality on the validation views before and after, or null without validation
 * @param epochs           epochs run; {@code bestEpoch} the one whose pairs were kept
 */
public record CalibrationFile(KeypointCalibration calibration, CorrectnessRule rule, List<ImageRef> trainingImages,
        List<ImageRef> validationImages, @Nullable HeldOut heldOut, int epochs, int bestEpoch) {

    public static final String FILE_NAME = "calibration.json";
    public static final String FORMAT = "poseops-keypoint-calibration/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A calibration file is a few kilobytes; anything much larger is not one. */
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    /** An image by name and content hash (so that overlaps can be found by content). */
    public record ImageRef(String name, String sha256) {
    }

    /**
     * Quality on the held-out (validation) views, with the model's raw scores and with the calibrated ones.
     *
     * @param samples keypoint samples the numbers are over
     */
    public record HeldOut(double eceBefore, double eceAfter, double brierBefore, double brierAfter,
            double logLossBefore, double logLossAfter, int samples) {
    }

    public CalibrationFile {
        trainingImages = List.copyOf(trainingImages);
        validationImages = List.copyOf(validationImages);
    }

    /** The file next to a model file, if there is one. */
    public static @Nullable Path besideModel(Path modelFile) {
        Path directory = modelFile.toAbsolutePath().getParent();
        if (directory == null) {
            return null;
        }
        Path file = directory.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? file : null;
    }

    /**
     * @throws IOException when the file cannot be read or is not a calibration file (the message says what is wrong)
     */
    public static CalibrationFile read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is too large to be a calibration file");
        }
        return parse(Files.readAllBytes(file), file.toString());
    }

    public static CalibrationFile parse(byte[] content, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JacksonException e) {
            throw new IOException(source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asString(""))) {
            throw new IOException(source + " is not a PoseOps calibration file (\"format\" must be \"" + FORMAT + "\")");
        }
        JsonNode keypoints = root.path("keypoints");
        if (!keypoints.isArray() || keypoints.size() != BodyPart.COUNT) {
            throw new IOException(source + " must list 17 keypoints, each with \"name\", \"a\" and \"b\"");
        }
        double[] a = new double[BodyPart.COUNT];
        double[] b = new double[BodyPart.COUNT];
        for (int k = 0; k < BodyPart.COUNT; k++) {
            JsonNode pair = keypoints.get(k);
            String expected = BodyPart.ofIndex(k).label();
            if (!expected.equals(pair.path("name").asString("")) || !pair.path("a").isNumber()
                    || !pair.path("b").isNumber()) {
                throw new IOException(source + ": keypoints[" + k + "] must be {\"name\":\"" + expected
                        + "\",\"a\":<number>,\"b\":<number>}");
            }
            a[k] = pair.path("a").asDouble();
            b[k] = pair.path("b").asDouble();
        }
        KeypointCalibration calibration;
        CorrectnessRule rule;
        try {
            calibration = new KeypointCalibration(a, b);
            rule = new CorrectnessRule(root.path("correct").path("fraction").asDouble(CorrectnessRule.DEFAULT.fraction()));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        JsonNode training = root.path("training");
        JsonNode heldOut = training.path("heldOut");
        HeldOut held = heldOut.isObject() ? new HeldOut(heldOut.path("eceBefore").asDouble(),
                heldOut.path("eceAfter").asDouble(), heldOut.path("brierBefore").asDouble(),
                heldOut.path("brierAfter").asDouble(), heldOut.path("logLossBefore").asDouble(),
                heldOut.path("logLossAfter").asDouble(), heldOut.path("samples").asInt()) : null;
        return new CalibrationFile(calibration, rule, images(training.path("images")),
                images(training.path("validationImages")), held, training.path("epochs").asInt(),
                training.path("bestEpoch").asInt());
    }

    private static List<ImageRef> images(JsonNode list) {
        List<ImageRef> images = new ArrayList<>();
        if (list.isArray()) {
            for (JsonNode image : list) {
                images.add(new ImageRef(image.path("name").asString(""), image.path("sha256").asString("")));
            }
        }
        return images;
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formula", "p(correct) = sigmoid(a * logit(score) + b), score clamped to [1e-4, 1 - 1e-4]");
        ObjectNode correct = root.putObject("correct");
        correct.put("rule", "torso");
        correct.put("fraction", rule.fraction());
        correct.put("description", rule.describe());
        ArrayNode pairs = root.putArray("keypoints");
        for (int k = 0; k < BodyPart.COUNT; k++) {
            ObjectNode pair = pairs.addObject();
            pair.put("name", BodyPart.ofIndex(k).label());
            pair.put("a", calibration.a()[k]);
            pair.put("b", calibration.b()[k]);
        }
        ObjectNode training = root.putObject("training");
        writeImages(training.putArray("images"), trainingImages);
        writeImages(training.putArray("validationImages"), validationImages);
        training.put("epochs", epochs);
        training.put("bestEpoch", bestEpoch);
        if (heldOut != null) {
            ObjectNode held = training.putObject("heldOut");
            held.put("eceBefore", heldOut.eceBefore());
            held.put("eceAfter", heldOut.eceAfter());
            held.put("brierBefore", heldOut.brierBefore());
            held.put("brierAfter", heldOut.brierAfter());
            held.put("logLossBefore", heldOut.logLossBefore());
            held.put("logLossAfter", heldOut.logLossAfter());
            held.put("samples", heldOut.samples());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeImages(ArrayNode array, List<ImageRef> images) {
        for (ImageRef image : images) {
            ObjectNode node = array.addObject();
            node.put("name", image.name());
            node.put("sha256", image.sha256());
        }
    }

    public void write(Path file) throws IOException {
        Files.write(file, toJson());
    }

    /** SHA-256 (hex) of the bytes of a calibration file: how a prediction names the calibration it used. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(ModelFile.newSha256().digest(content));
    }
}
