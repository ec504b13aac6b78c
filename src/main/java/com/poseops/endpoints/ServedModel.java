package com.poseops.endpoints;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The model a variant runs, as far as the endpoint's adapter can tell.
 *
 * @param modelName   SageMaker's model name (aws), or the name the local control plane gave it
 * @param version     the registry version it was deployed from, when known (a deployment through PoseOps always
 *                    knows; the first local model from {@code PoseOps.modelPath} may not be a registered version)
 * @param artifactUri the artifact it was made from: {@code s3://…/model.tar.gz} (aws) or a {@code file:} URI of the
 *                    {@code .tflite} (local; a {@code calibration.json} beside it is served with it)
 * @param sha256      SHA-256 of the {@code .tflite}, when known (local mode always; the inference server reports it)
 */
public record ServedModel(String modelName, @Nullable Integer version, String artifactUri, @Nullable String sha256) {

    public ServedModel {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(artifactUri, "artifactUri");
    }

    /** What to call it on a page: "version 3", or the model name when it is not a registered version. */
    public String label() {
        return version != null ? "version " + version : modelName;
    }
}
