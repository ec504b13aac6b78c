package com.poseops.inference.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trainer's hyperparameters: their names, types, ranges and defaults ({@link #DEFINITIONS}, which the console's
 * start dialog shows and validates with the same {@link #parse}), read from SageMaker's hyperparameters.json where
 * every value is a string.
 */
public record Hyperparameters(int epochs, int augmentations, int validationAugmentations, double learningRate,
        int stepsPerEpoch, int patience, double l2, double correctWithin, double maxRotationDegrees, long seed) {

    public enum Type {
        INTEGER, DECIMAL
    }

    /** One hyperparameter: accepted values are {@code min ≤ value ≤ max}; {@code example} is shown in errors. */
    public record Definition(String name, Type type, String defaultValue, double min, double max, String description) {
    }

    public static final List<Definition> DEFINITIONS = List.of(
            new Definition("epochs", Type.INTEGER, "60", 1, 1000,
                    "Epochs: each one fits on freshly augmented views of the training images."),
            new Definition("augmentations", Type.INTEGER, "8", 1, 200,
                    "Augmented views (rotation, scale, shift, flip, colour) per training image and epoch."),
            new Definition("validation_augmentations", Type.INTEGER, "8", 0, 200,
                    "Fixed augmented views per validation image, besides the image itself."),
            new Definition("learning_rate", Type.DECIMAL, "0.05", 1e-6, 10,
                    "Gradient-descent step size."),
            new Definition("steps_per_epoch", Type.INTEGER, "20", 1, 1000,
                    "Gradient-descent steps on each epoch's views."),
            new Definition("patience", Type.INTEGER, "10", 1, 1000,
                    "Early stopping: epochs without a lower validation log-loss before training stops."),
            new Definition("l2", Type.DECIMAL, "0.01", 0, 100,
                    "Pull of each pair towards the identity (a = 1, b = 0); guards against few images."),
            new Definition("correct_within", Type.DECIMAL, "0.2", 0.01, 10,
                    "A keypoint is correct within this fraction of the torso diameter of the truth."),
            new Definition("max_rotation", Type.DECIMAL, "15", 0, 180,
                    "Largest rotation of an augmented view, in degrees."),
            new Definition("seed", Type.INTEGER, "42", 0, Integer.MAX_VALUE,
                    "Random seed of the augmentations (same seed, same views)."));

    /** The defaults as SageMaker would pass them (strings). */
    public static Map<String, String> defaults() {
        Map<String, String> values = new LinkedHashMap<>();
        DEFINITIONS.forEach(d -> values.put(d.name(), d.defaultValue()));
        return values;
    }

    /**
     * Reads {@code hyperparameters.json}; a missing file means all defaults.
     *
     * @throws TrainingFailure naming the hyperparameter and what it accepts
     */
    public static Hyperparameters read(Path file) throws TrainingFailure {
        if (!Files.isRegularFile(file)) {
            return parse(Map.of());
        }
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new TrainingFailure("hyperparameters.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TrainingFailure("hyperparameters.json must be a JSON object of names to string values.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode value = entry.getValue();
            values.put(entry.getKey(), value.isString() ? value.asString() : value.toString());
        }
        return parse(values);
    }

    /**
     * Checks and converts hyperparameter values (strings, as SageMaker passes them); missing ones take their default.
     * Names starting with {@code sagemaker_} are SageMaker's own and are ignored.
     *
     * @throws TrainingFailure for an unknown name or a value of the wrong type or out of range, naming it
     */
    public static Hyperparameters parse(Map<String, String> values) throws TrainingFailure {
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            if (name.startsWith("sagemaker_")) {
                continue;
            }
            if (DEFINITIONS.stream().noneMatch(d -> d.name().equals(name))) {
                throw new TrainingFailure("Unknown hyperparameter " + name + ". This trainer takes "
                        + String.join(", ", DEFINITIONS.stream().map(Definition::name).toList()) + ".");
            }
        }
        for (Definition definition : DEFINITIONS) {
            String raw = values.getOrDefault(definition.name(), definition.defaultValue());
            numbers.put(definition.name(), check(definition, raw == null ? "" : raw.strip()));
        }
        return new Hyperparameters(numbers.get("epochs").intValue(), numbers.get("augmentations").intValue(),
                numbers.get("validation_augmentations").intValue(), numbers.get("learning_rate"),
                numbers.get("steps_per_epoch").intValue(), numbers.get("patience").intValue(), numbers.get("l2"),
                numbers.get("correct_within"), numbers.get("max_rotation"), numbers.get("seed").longValue());
    }

    /** One value checked against its definition; the error message is the job's failure reason. */
    public static double check(Definition definition, String raw) throws TrainingFailure {
        String kind = definition.type() == Type.INTEGER ? "a whole number" : "a number";
        String range = " from " + format(definition.min()) + " to " + format(definition.max());
        double value;
        try {
            value = definition.type() == Type.INTEGER ? Long.parseLong(raw) : Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new TrainingFailure("Hyperparameter " + definition.name() + " = '" + raw + "' is not " + kind
                    + "; expected " + kind + range + " (default " + definition.defaultValue() + ").");
        }
        if (!Double.isFinite(value) || value < definition.min() || value > definition.max()) {
            throw new TrainingFailure("Hyperparameter " + definition.name() + " = " + raw + " is out of range; expected "
                    + kind + range + " (default " + definition.defaultValue() + ").");
        }
        return value;
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
