package com.poseops.training;

import com.poseops.inference.TestData;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.inference.training.TrainingPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Training jobs for tests: a record as the service would create it, and waiting for a job to reach a state. */
public final class TestJobs {

    public static final Path TINY_TRAINER = Path.of("src", "test", "training", "tiny_trainer.py").toAbsolutePath();

    private TestJobs() {
    }

    /** A job record with the trainer's metric definitions, the shared Lightning model as the model channel. */
    public static TrainingJob job(String prefix, Map<String, String> hyperparameters, Path train,
            Path validation, int maxRuntimeSeconds) {
        List<JobChannel> channels = new ArrayList<>();
        if (train != null) {
            channels.add(new JobChannel(TrainingPaths.TRAIN, null, "train set", train.toString()));
        }
        if (validation != null) {
            channels.add(new JobChannel(TrainingPaths.VALIDATION, null, "validation set", validation.toString()));
        }
        channels.add(new JobChannel(TrainingPaths.MODEL, null, "Lightning int8",
                TestData.lightningInt8Model().toAbsolutePath().toString()));
        return new TrainingJob(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), "dora", "a test",
                Instant.now(), hyperparameters, channels, "local", maxRuntimeSeconds, TrainerMetrics.DEFINITIONS,
                new JobProgress(TrainingStatus.IN_PROGRESS, "Starting", List.of(), Map.of(), null, null, null, null),
                List.of(), null, null);
    }

    /** Waits (generously: the machine is shared) until the stored job matches, and returns it. */
    public static TrainingJob await(TrainingJobStore store, String name, String what, Predicate<TrainingJob> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        TrainingJob last = null;
        while (System.nanoTime() < deadline) {
            last = store.find(name).orElse(null);
            if (last != null && condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Training job " + name + " did not reach: " + what + "; last seen " + (last == null
                ? "nothing" : last.status() + " / " + last.progress().secondaryStatus() + " "
                + last.progress().failureReason()));
    }

    public static TrainingJob awaitEnd(TrainingJobStore store, String name) throws InterruptedException {
        return await(store, name, "a final status", job -> job.status().isTerminal());
    }
}
