package com.poseops.platform.events;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A registered model version waits for an approver: published by {@code registry} once its evaluation has ended (or at
 * registration when evaluation is off).
 *
 * @param group             the registry's group, e.g. {@code hp-prediction-models}
 * @param version           the version number
 * @param registeredBy      who registered it (a PoseOps user, or the training job's starter)
 * @param description       what changed in it
 * @param metrics           its metrics beside the serving version's (empty without an evaluation)
 * @param serving           what serves now, e.g. {@code version 2 (endpoint hp-prediction-endpoint)}; null if nothing
 * @param evaluationProblem why there are no metrics (evaluation failed or is off), else null
 */
public record VersionAwaitingApproval(String group, int version, String registeredBy, String description,
        List<MetricLine> metrics, @Nullable String serving, @Nullable String evaluationProblem, Instant at)
        implements PoseOpsEvent {

    public VersionAwaitingApproval {
        metrics = List.copyOf(metrics);
    }
}
