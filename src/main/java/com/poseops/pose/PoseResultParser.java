package com.poseops.pose;

import com.poseops.endpoints.ContainerErrors;
import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.platform.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the inference server's JSON (see {@link PoseResult}) and trusts none of it: the answer crosses a network
 * from a container that may run another image, be broken or be hostile. Anything that is not a complete, plausible
 * prediction becomes an {@link EndpointException} ({@link Reason#BAD_RESPONSE}); the server's own error documents,
 * {@code {"error":{"code","message"}}}, become the matching reason ({@link ContainerErrors}).
 */
public final class PoseResultParser {

    /** A prediction is ~2 KB; anything much larger is not one (and is not parsed). */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;
    /** How far a keypoint may lie outside the image, beyond the letterbox padding, as a share of the longer side. */
    static final double COORDINATE_MARGIN = 0.05;
    // The server limits pixels (40 MP by default), not sides: a 200000×100 panorama is a valid image.
    private static final int MAX_IMAGE_SIDE = Integer.MAX_VALUE;
    private static final double MAX_TIMING_MS = 10 * 60 * 1000;
    private static final double SCORE_TOLERANCE = 1e-6;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_RESPONSE_BYTES)
                            .maxNestingDepth(8)
                            .maxStringLength(4096)
                            .maxNameLength(256)
                            .maxNumberLength(64)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PoseResultParser() {
    }

    /**
     * @throws EndpointException {@link Reason#BAD_RESPONSE} for anything but a valid prediction, or the reason of the
     *                           server's error document
     */
    public static PoseResult parse(byte[] body) {
        if (body.length == 0) {
            throw bad("the answer was empty");
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw bad("the answer was " + body.length + " bytes, far more than a prediction");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new EndpointException(Reason.BAD_RESPONSE, message("the answer is not valid JSON (" + firstLine(e) + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw bad("the answer is not a JSON object");
        }
        Optional<EndpointException> error = ContainerErrors.fromErrorDocument(root);
        if (error.isPresent()) {
            throw error.get();
        }
        try {
            return read(root);
        } catch (IllegalArgumentException e) {
            throw new EndpointException(Reason.BAD_RESPONSE, message(e.getMessage()), e);
        }
    }

    private static PoseResult read(JsonNode root) {
        JsonNode model = object(root, "model");
        PoseResult.Model modelInfo = new PoseResult.Model(
                text(model, "model.name", 200),
                wholeNumber(model, "model.inputSize", 1, 4096),
                text(model, "model.inputType", 50),
                sha256(model));

        JsonNode image = object(root, "image");
        int width = wholeNumber(image, "image.width", 1, MAX_IMAGE_SIDE);
        int height = wholeNumber(image, "image.height", 1, MAX_IMAGE_SIDE);

        JsonNode keypoints = root.get("keypoints");
        if (keypoints == null || !keypoints.isArray()) {
            throw new IllegalArgumentException("'keypoints' is missing or not a list");
        }
        if (keypoints.size() != PoseResult.KEYPOINT_NAMES.size()) {
            throw new IllegalArgumentException("expected " + PoseResult.KEYPOINT_NAMES.size() + " keypoints, got "
                    + keypoints.size());
        }
        // Letterboxing pads the shorter side up to the longer one; MoveNet may place a keypoint in that padding.
        int longer = Math.max(width, height);
        double marginX = (longer - width) / 2.0 + COORDINATE_MARGIN * longer;
        double marginY = (longer - height) / 2.0 + COORDINATE_MARGIN * longer;
        List<PoseResult.Keypoint> points = new ArrayList<>();
        for (int i = 0; i < keypoints.size(); i++) {
            JsonNode point = keypoints.get(i);
            String where = "keypoints[" + i + "]";
            if (!point.isObject()) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            String expected = PoseResult.KEYPOINT_NAMES.get(i);
            String name = text(point, where + ".name", 50);
            if (!expected.equals(name)) {
                throw new IllegalArgumentException(where + " is '" + printable(name, 50) + "', expected '" + expected + "'");
            }
            points.add(new PoseResult.Keypoint(name,
                    number(point, where + ".x", -marginX, width + marginX),
                    number(point, where + ".y", -marginY, height + marginY),
                    number(point, where + ".score", 0, 1 + SCORE_TOLERANCE)));
        }
        double score = number(root, "score", 0, 1 + SCORE_TOLERANCE);

        JsonNode timings = object(root, "timingsMs");
        PoseResult.Timings timingsMs = new PoseResult.Timings(
                number(timings, "timingsMs.decode", 0, MAX_TIMING_MS),
                number(timings, "timingsMs.preprocess", 0, MAX_TIMING_MS),
                number(timings, "timingsMs.inference", 0, MAX_TIMING_MS),
                number(timings, "timingsMs.postprocess", 0, MAX_TIMING_MS),
                number(timings, "timingsMs.total", 0, MAX_TIMING_MS));
        return new PoseResult(modelInfo, new PoseResult.Image(width, height), points, score, timingsMs);
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not an object");
        }
        return node;
    }

    private static String text(JsonNode parent, String path, int maxLength) {
        JsonNode node = parent.get(leaf(path));
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new IllegalArgumentException("'" + path + "' is missing or not a text");
        }
        String value = node.stringValue();
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("'" + path + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    private static String sha256(JsonNode model) {
        String value = text(model, "model.sha256", 64);
        if (!SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("'model.sha256' is not a SHA-256 in hex");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static double number(JsonNode parent, String path, double min, double max) {
        JsonNode node = parent.get(leaf(path));
        if (node == null || !node.isNumber()) {
            throw new IllegalArgumentException("'" + path + "' is missing or not a number");
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("'" + path + "' is not a finite number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + path + "' = " + value + " is outside " + round(min) + ".." + round(max));
        }
        return value;
    }

    private static int wholeNumber(JsonNode parent, String path, int min, int max) {
        double value = number(parent, path, min, max);
        if (value != Math.rint(value)) {
            throw new IllegalArgumentException("'" + path + "' = " + value + " is not a whole number");
        }
        return (int) value;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static EndpointException bad(String what) {
        return new EndpointException(Reason.BAD_RESPONSE, message(what));
    }

    private static String message(String what) {
        return "The endpoint's answer is not a pose prediction: " + what
                + ". Check that the endpoint runs the PoseOps inference image (Endpoints page).";
    }

    private static String firstLine(JacksonException e) {
        String text = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return printable(text, 160);
    }

    private static String printable(String text, int max) {
        return Text.printable(text, max);
    }
}
