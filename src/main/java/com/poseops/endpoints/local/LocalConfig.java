package com.poseops.endpoints.local;

import com.poseops.endpoints.ServedModel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One endpoint configuration of the local control plane, SageMaker's {@code EndpointConfig} in miniature: the model
 * (a {@code .tflite} on this machine) and the fleet that serves it. Kept in DynamoDB, so that a restarted console
 * brings back the configuration that served, and a rollback finds the one before.
 */
record LocalConfig(String name, ServedModel model, String instanceType, int instanceCount, Instant createdAt) {

    LocalConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The model file the inference processes load ({@code artifactUri} is a {@code file:} URI in local mode). */
    Path modelFile() {
        return Path.of(URI.create(model.artifactUri()));
    }
}
