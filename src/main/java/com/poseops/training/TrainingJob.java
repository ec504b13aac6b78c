package com.poseops.training;

import com.poseops.inference.training.TrainerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A training job as the console knows it: what was asked (hyperparameters, channels, metric definitions), who asked
 * and why (SageMaker records only the role), where it stands, its curves, and the model version it produced.
 *
 * @param maxRuntimeSeconds  SageMaker's StoppingCondition.MaxRuntimeInSeconds (the local runner applies it too)
 * @param producedVersion    the registry version made from its artifact, once registered
 * @param registrationNote   why no version was produced, when a completed job's artifact could not be registered
 */
public record TrainingJob(String name, String startedBy, String reason, Instant createdAt,
        Map<String, String> hyperparameters, List<JobChannel> channels, String instanceType, int maxRuntimeSeconds,
        List<TrainerMetrics.Definition> metricDefinitions, JobProgress progress, List<MetricPoint> metrics,
        @Nullable Integer producedVersion, @Nullable String registrationNote) {

    public TrainingJob {
        Objects.requireNonNull(name, "name");
        hyperparameters = Map.copyOf(hyperparameters);
        channels = List.copyOf(channels);
        metricDefinitions = List.copyOf(metricDefinitions);
        metrics = List.copyOf(metrics);
    }

    public TrainingStatus status() {
        return progress.status();
    }

    public Optional<JobChannel> channel(String channelName) {
        return channels.stream().filter(c -> c.name().equals(channelName)).findFirst();
    }

    /** Start to end (or to {@code now} while it runs). */
    public Duration duration(Instant now) {
        Instant start = progress.startedAt() != null ? progress.startedAt() : createdAt;
        Instant end = progress.endedAt() != null ? progress.endedAt() : now;
        return end.isBefore(start) ? Duration.ZERO : Duration.between(start, end);
    }

    public TrainingJob withProgress(JobProgress newProgress, List<MetricPoint> newMetrics) {
        return new TrainingJob(name, startedBy, reason, createdAt, hyperparameters, channels, instanceType,
                maxRuntimeSeconds, metricDefinitions, newProgress, newMetrics, producedVersion, registrationNote);
    }

    public TrainingJob withProducedVersion(@Nullable Integer version, @Nullable String note) {
        return new TrainingJob(name, startedBy, reason, createdAt, hyperparameters, channels, instanceType,
                maxRuntimeSeconds, metricDefinitions, progress, metrics, version, note);
    }
}
