package com.poseops.training;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a person asks for when starting a job.
 *
 * @param reason              why (kept with the job: SageMaker records only the role)
 * @param hyperparameters     values by name, as strings; missing ones take the trainer's defaults
 * @param trainDatasetId      the dataset of the {@code train} channel
 * @param validationDatasetId the dataset of the {@code validation} channel, or null for none
 * @param baseVersion         the registry version whose model is calibrated; null = the model serving now (local)
 * @param instanceType        aws mode: the instance type, null for {@code Training.instanceType}
 * @param maxRuntimeSeconds   the job's MaxRuntimeInSeconds, at most {@code Training.maxRuntimeSeconds}
 */
public record StartRequest(String reason, Map<String, String> hyperparameters, String trainDatasetId,
        @Nullable String validationDatasetId, @Nullable Integer baseVersion, @Nullable String instanceType,
        int maxRuntimeSeconds) {

    public StartRequest {
        hyperparameters = Map.copyOf(hyperparameters);
    }
}
