package com.poseops.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The model registry: the versions of the pose model, their headline metrics and the approve/reject decision that
 * gates deployment. aws mode: SageMaker Model Registry (one model package group) with the artifacts in S3.
 * <p>
 * Adapters do no authorization and write no audit record: the service in front of them does both.
 */
public interface ModelRegistry {

    /** The largest page {@link #list} serves (SageMaker's limit). */
    int MAX_PAGE_SIZE = 100;

    /**
     * Versions, newest first.
     *
     * @param pageSize  1 to {@value #MAX_PAGE_SIZE}
     * @param pageToken null for the first page, else {@link ModelVersionPage#nextToken()} of the previous page
     */
    ModelVersionPage list(int pageSize, @Nullable String pageToken);

    Optional<ModelVersion> find(int version);

    /**
     * Stores the model file as the next version's artifact and registers the version as {@link ApprovalStatus#PENDING}.
     *
     * @throws java.io.UncheckedIOException when the model file cannot be read
     */
    ModelVersion register(NewModelVersion newVersion);

    /**
     * Registers a training job's artifact as the next version (Pending), with the job as its lineage. local: the job's
     * model folder is copied into the registry's own folder for the version; aws: a model package pointing at the
     * job's {@code S3ModelArtifacts} as it is in S3.
     *
     * @throws java.io.UncheckedIOException when the artifact cannot be read (local)
     */
    ModelVersion registerTrained(TrainedModel trained);

    /**
     * Copies a version's artifact into {@code directory} (aws: downloads and unpacks model.tar.gz) and returns its
     * model file; a {@code calibration.json} beside it comes along. For evaluating a version again.
     *
     * @throws ModelVersionNotFoundException when there is no such version
     * @throws java.io.UncheckedIOException  when the artifact cannot be read or holds no .tflite
     */
    Path fetch(int version, Path directory);

    /**
     * Adds or replaces headline metrics (e.g. when an evaluation finishes); metrics not named stay as they are. Allowed
     * in every status: the numbers describe the model, not the decision.
     *
     * @throws ModelVersionNotFoundException when there is no such version
     */
    ModelVersion updateMetrics(int version, Map<String, String> metrics);

    /**
     * Approves or rejects a pending version, recording who and why.
     *
     * @throws VersionAlreadyDecidedException when the version is no longer pending (nothing is changed)
     * @throws ModelVersionNotFoundException  when there is no such version
     */
    ModelVersion decide(int version, Decision decision);

    /** For adapters' {@link #list}: refuses a page size outside 1 to {@value #MAX_PAGE_SIZE}. */
    static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ", got " + pageSize);
        }
    }

    /**
     * For adapters' {@link #register}: refuses a model file that is not a readable regular file.
     *
     * @throws UncheckedIOException when it is not
     */
    static void checkReadable(Path modelFile) {
        if (!Files.isRegularFile(modelFile) || !Files.isReadable(modelFile)) {
            throw new UncheckedIOException(new IOException("Model file " + modelFile + " is not a readable file"));
        }
    }
}
