package com.poseops.endpoints;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a deployment rolls out: one model version on a fleet of {@code instanceCount} × {@code instanceType} (from
 * config.yml {@code Instance}). The control plane makes the model and a new endpoint configuration from it; the
 * variant name stays the same every time in aws mode (SageMaker's blue/green rule).
 *
 * @param version     the registry version (only Approved versions are deployed; the service checks)
 * @param artifactUri {@code s3://…/model.tar.gz} (aws) or a {@code file:} URI of the version's {@code .tflite} (local)
 * @param sha256      SHA-256 of the {@code .tflite}, when the registry knows it
 */
public record DeploymentTarget(int version, String artifactUri, @Nullable String sha256, String instanceType,
        int instanceCount) {

    public DeploymentTarget {
        Objects.requireNonNull(artifactUri, "artifactUri");
        Objects.requireNonNull(instanceType, "instanceType");
        if (instanceCount < 1) {
            throw new IllegalArgumentException("instanceCount must be at least 1, got " + instanceCount);
        }
    }
}
