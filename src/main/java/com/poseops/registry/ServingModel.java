package com.poseops.registry;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which model the endpoint serves now, so that the Models page can show each version's difference to it: what the
 * endpoint's current configuration was deployed from. The endpoints feature implements this port (registry never
 * depends on endpoints).
 */
@FunctionalInterface
public interface ServingModel {

    /** The serving model, or empty when nothing is (known to be) serving. Never throws; cheap (no AWS call). */
    Optional<Served> current();

    /**
     * @param label       where it serves, e.g. "endpoint hp-prediction-endpoint" (the page names the model beside it:
     *                    "version 3 (endpoint …)", or the file's name when it is not a registered version)
     * @param version     the registry version the endpoint's configuration was deployed from; null when it was not
     *                    deployed from a registered version (local mode's first model, {@code PoseOps.modelPath})
     * @param sha256      SHA-256 of the .tflite when known (local mode)
     * @param artifactUri the model artifact the endpoint's model was made from
     * @param localFile   the model file when it is on this machine (it can then be evaluated directly)
     */
    record Served(String label, @Nullable Integer version, @Nullable String sha256, @Nullable String artifactUri,
            @Nullable Path localFile) {
    }
}
