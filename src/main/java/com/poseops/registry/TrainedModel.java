package com.poseops.registry;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A training job's result, to be registered as it is: no copy through the console in aws mode.
 *
 * @param jobName      the training job (the version's lineage)
 * @param artifact     local mode: the job's model folder (model.tflite, calibration.json, …); aws mode: the job's
 *                     {@code S3ModelArtifacts} ({@code s3://…/model.tar.gz})
 * @param description  what the version is (what was trained, on what)
 * @param registeredBy who started the job
 * @param modelSha256  SHA-256 of the model.tflite in the artifact, when known
 */
public record TrainedModel(String jobName, String artifact, String description, String registeredBy,
        @Nullable String modelSha256) {

    public TrainedModel {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(registeredBy, "registeredBy");
    }
}
