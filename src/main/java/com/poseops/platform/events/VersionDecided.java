package com.poseops.platform.events;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A person approved or rejected a model version in PoseOps (SageMaker records only the calling role, so this is the
 * event that names the human and carries the comment). Published by {@code registry} after the decision stands.
 *
 * @param approved  true for approved, false for rejected
 * @param decidedBy the PoseOps user who decided
 * @param comment   why
 * @param metrics   the version's metrics beside the serving version's
 * @param serving   what serves now, or null
 */
public record VersionDecided(String group, int version, boolean approved, String decidedBy, String comment,
        List<MetricLine> metrics, @Nullable String serving, Instant at) implements PoseOpsEvent {

    public VersionDecided {
        metrics = List.copyOf(metrics);
    }
}
