package com.poseops.training;

import java.util.List;
import java.util.Optional;

/**
 * Where training jobs run: SageMaker (aws mode) or child processes under the same contract (local mode). Adapters do
 * no authorization and write no audit record: {@link TrainingService} does both.
 */
public interface TrainingBackend {

    /**
     * Starts a job (its record exists already, status InProgress / Starting).
     *
     * @throws TrainingRefusedException when the backend cannot take it now (local: too many jobs running), saying why
     */
    void start(TrainingJob job);

    /** The job's progress, or empty when this backend does not know the job. */
    Optional<JobProgress> describe(TrainingJob job);

    /** Every value the job's metric definitions caught so far, oldest first. */
    List<MetricPoint> metrics(TrainingJob job);

    /** Asks the job to stop (SIGTERM, then SIGKILL after a grace period); returns at once. */
    void stop(TrainingJob job);

    /** The last lines of the job's output, or where to find it. */
    String logTail(TrainingJob job, int lines);

    /** Jobs the backend knows, newest first, at most {@code max} (aws: ListTrainingJobs, paged). */
    List<JobSummary> list(int max);

    /** Whether jobs run on this machine (the start dialog then asks for no instance type). */
    boolean runsLocally();

    /** A job as a listing shows it. */
    record JobSummary(String name, TrainingStatus status, java.time.Instant createdAt) {
    }
}
