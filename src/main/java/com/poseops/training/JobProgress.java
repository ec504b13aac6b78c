package com.poseops.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a job stands, as its backend reports it (aws: DescribeTrainingJob; local: the runner).
 *
 * @param secondaryStatus SageMaker's SecondaryStatus, e.g. Downloading, Training, Uploading, MaxRuntimeExceeded
 * @param finalMetrics    the last value of each metric (SageMaker's FinalMetricDataList)
 * @param artifact        the model artifact once completed: {@code s3://…/model.tar.gz}, or a local model.tar.gz path
 */
public record JobProgress(TrainingStatus status, String secondaryStatus, List<StatusTransition> transitions,
        Map<String, Double> finalMetrics, @Nullable String failureReason, @Nullable String artifact,
        @Nullable Instant startedAt, @Nullable Instant endedAt) {

    public JobProgress {
        transitions = List.copyOf(transitions);
        finalMetrics = Map.copyOf(finalMetrics);
    }
}
