package com.poseops.platform.events;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A training job ended. To be published by {@code training} (issue 11) when a job reaches a final status, in both
 * modes. In aws mode SageMaker's own "Training Job State Change" event also reaches the SNS topic (EventBridge rule
 * of poseops-console.yml), so the console does not publish this one to the topic.
 *
 * @param jobName      the job's name
 * @param outcome      how it ended
 * @param startedBy    the PoseOps user who started it
 * @param reason       the failure reason (the job's {@code failure} file / FailureReason), or why it stopped; else null
 * @param finalMetrics the final value of each metric the job's regexes caught, by name
 * @param modelVersion the model version registered from its artifact, or null (not completed, or not registered yet)
 */
public record TrainingJobEnded(String jobName, Outcome outcome, String startedBy, @Nullable String reason,
        Map<String, String> finalMetrics, @Nullable Integer modelVersion, Instant at) implements PoseOpsEvent {

    public enum Outcome {
        COMPLETED, FAILED, STOPPED
    }

    public TrainingJobEnded {
        finalMetrics = Map.copyOf(finalMetrics);
    }
}
