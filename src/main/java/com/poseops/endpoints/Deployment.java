package com.poseops.endpoints;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the endpoint's deployment history: who moved the endpoint from what to what, how, and how it ended.
 * Kept by PoseOps in both modes (SageMaker records only the calling role, never the person).
 *
 * @param id                 unique and sortable by start time
 * @param from               what served before (null for the first deployment, which creates the endpoint)
 * @param fromConfig         the endpoint configuration that served before (null for the first deployment)
 * @param toConfig           the configuration rolled out (for a rollback: an existing one)
 * @param alarmNames         the rollback alarms that guarded it (empty: no automatic rollback)
 * @param outcomeDetail      the why of the outcome: the alarm that rolled it back, the failure reason, who aborted
 */
public record Deployment(String id, String endpointName, Kind kind, @Nullable ServedModel from, ServedModel to,
        @Nullable String fromConfig, String toConfig, DeploymentPolicy policy, List<String> alarmNames,
        String startedBy, Instant startedAt, @Nullable Instant endedAt, Outcome outcome,
        @Nullable String outcomeDetail) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(toConfig, "toConfig");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(startedBy, "startedBy");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
        alarmNames = List.copyOf(alarmNames);
    }

    public enum Kind {
        /** The first deployment: creates the endpoint. */
        CREATE("Create"),
        /** A new version rolled out blue/green. */
        DEPLOY("Deploy"),
        /** Back to the previous deployment's configuration, started by a person. */
        ROLLBACK("Rollback");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Outcome {
        IN_PROGRESS("In progress", false),
        SUCCEEDED("Succeeded", true),
        /** An alarm went off while baking and all traffic went back (SageMaker does this silently). */
        ROLLED_BACK_AUTOMATICALLY("Rolled back automatically", true),
        /** It had succeeded, and a person later rolled the endpoint back from it. */
        ROLLED_BACK_BY_PERSON("Rolled back by a person", true),
        /** A person stopped it while in progress; all traffic went back to the old version. */
        ABORTED("Aborted", true),
        FAILED("Failed", true);

        private final String label;
        private final boolean finished;

        Outcome(String label, boolean finished) {
            this.label = label;
            this.finished = finished;
        }

        public String label() {
            return label;
        }

        public boolean finished() {
            return finished;
        }
    }

    /** How long it ran (until now while in progress). */
    public Duration duration(Instant now) {
        return Duration.between(startedAt, endedAt != null ? endedAt : now);
    }
}
