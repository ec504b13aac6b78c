package com.poseops.inference.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * SageMaker's training contract, relative to a root ({@code /opt/ml} in the container; a per-job folder in the
 * console's local mode, passed as {@value #ROOT_VARIABLE}):
 * <pre>
 * &lt;root&gt;/input/config/hyperparameters.json   hyperparameters, every value a string
 * &lt;root&gt;/input/data/&lt;channel&gt;/…            the files of each input channel (train, validation, model)
 * &lt;root&gt;/model/                              what the job produces (packed as model.tar.gz after a zero exit)
 * &lt;root&gt;/output/failure                      why the job failed (read after a non-zero exit)
 * </pre>
 * Metrics go to standard output, one line per epoch; the job's metric definitions pick them out with regexes.
 */
public record TrainingPaths(Path root) {

    /** Environment variable with the root; unset in the container, where it is {@value #CONTAINER_ROOT}. */
    public static final String ROOT_VARIABLE = "POSEOPS_TRAINING_ROOT";
    public static final String CONTAINER_ROOT = "/opt/ml";
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    /** The channel with the MoveNet model to calibrate (a .tflite or a model.tar.gz holding one). */
    public static final String MODEL = "model";

    public static TrainingPaths fromEnvironment(Map<String, String> environment) {
        String root = environment.get(ROOT_VARIABLE);
        return new TrainingPaths(Path.of(root == null || root.isBlank() ? CONTAINER_ROOT : root.strip()));
    }

    public Path hyperparameters() {
        return root.resolve("input").resolve("config").resolve("hyperparameters.json");
    }

    public Path inputConfig() {
        return root.resolve("input").resolve("config");
    }

    public Path channels() {
        return root.resolve("input").resolve("data");
    }

    public Path channel(String name) {
        return channels().resolve(name);
    }

    public boolean hasChannel(String name) {
        return Files.isDirectory(channel(name));
    }

    public Path model() {
        return root.resolve("model");
    }

    public Path output() {
        return root.resolve("output");
    }

    public Path failure() {
        return output().resolve("failure");
    }

    /** Scratch space that is not part of the contract's outputs. */
    public Path work() {
        return root.resolve("work");
    }
}
