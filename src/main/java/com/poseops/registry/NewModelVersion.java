package com.poseops.registry;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What is needed to register a model version. The registry stores the file as it is: checking that it is a usable
 * MoveNet model happens before (evaluation), not here.
 *
 * @param modelFile    the .tflite file to register
 * @param description  free text from the person or job that registers it; stores may shorten it (SageMaker: 1024)
 * @param registeredBy the PoseOps user (or job name) that registers it
 * @param metrics      headline metrics known at registration, possibly none (see {@link HeadlineMetrics})
 */
public record NewModelVersion(Path modelFile, String description, String registeredBy, Map<String, String> metrics) {

    public NewModelVersion {
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(description, "description");
        if (registeredBy == null || registeredBy.isBlank()) {
            throw new IllegalArgumentException("registeredBy must name the user who registers the version");
        }
        metrics = HeadlineMetrics.checked(metrics);
    }
}
