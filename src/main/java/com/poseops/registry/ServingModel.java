package com.poseops.registry;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which model the endpoint serves now, so that the Models page can show each version's difference to it. local mode:
 * the model file configured in {@code PoseOps.modelPath}; aws mode: the model behind the endpoint's current
 * configuration.
 */
@FunctionalInterface
public interface ServingModel {

    /** The serving model, or empty when nothing is (known to be) serving. Never throws. */
    Optional<Served> current();

    /**
     * @param label       what to call it on the page, e.g. the file name or the endpoint name
     * @param sha256      SHA-256 of the .tflite when known (local mode)
     * @param artifactUri the model artifact or model package ARN the endpoint's model was made from (aws mode)
     * @param localFile   the model file when it is on this machine (it can then be evaluated directly)
     */
    record Served(String label, @Nullable String sha256, @Nullable String artifactUri, @Nullable Path localFile) {
    }
}
