package com.poseops.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One registered version of the pose model.
 *
 * @param version             the registry's version number (1, 2, …), unique within the registry
 * @param id                  the version's identity in its store: the model package ARN in aws mode, a local id
 *                            in local mode
 * @param createdAt           when it was registered
 * @param registeredBy        the PoseOps user who registered it ({@code unknown} when registered outside PoseOps)
 * @param description         what changed in this version, as given at registration (may be shortened by the store)
 * @param status              the review status
 * @param metrics             headline metrics by name (e.g. {@code mAP} → {@code 57.4}), sorted by name
 * @param artifactUri         where the model artifact is ({@code s3://…/model.tar.gz} in aws mode)
 * @param approvalDescription who decided and why, once decided (e.g. {@code approved by alice: looks good})
 * @param modelSha256         SHA-256 of the .tflite inside the artifact (hex), when known; the inference server reports
 *                            the same hash, which tells which version an endpoint serves
 * @param sourceJob           the training job that produced it (its lineage), or null for an uploaded model
 */
public record ModelVersion(int version, String id, Instant createdAt, String registeredBy, String description,
        ApprovalStatus status, Map<String, String> metrics, String artifactUri, @Nullable String approvalDescription,
        @Nullable String modelSha256, @Nullable String sourceJob) {

    /** A version registered from an uploaded file (no training job behind it). */
    public ModelVersion(int version, String id, Instant createdAt, String registeredBy, String description,
            ApprovalStatus status, Map<String, String> metrics, String artifactUri, @Nullable String approvalDescription,
            @Nullable String modelSha256) {
        this(version, id, createdAt, registeredBy, description, status, metrics, artifactUri, approvalDescription,
                modelSha256, null);
    }

    public ModelVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(registeredBy, "registeredBy");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(artifactUri, "artifactUri");
        metrics = HeadlineMetrics.sortedCopy(metrics);
    }
}
