package com.poseops.training.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.inference.TestData;
import com.poseops.inference.calibration.CalibrationFile;
import com.poseops.inference.tools.ModelArchive;
import com.poseops.inference.training.LabelledSets;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.training.MetricPoint;
import com.poseops.training.StatusTransition;
import com.poseops.training.TestJobs;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingJobStore;
import com.poseops.training.TrainingRefusedException;
import com.poseops.training.TrainingStatus;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The local runner with real child processes under SageMaker's training contract: PoseOps' trainer, and a small
 * Python trainer that is not PoseOps' (any program that follows the contract runs). Job records in the context's
 * DynamoDB Local.
 */
@PoseOpsSpringTest
class LocalTrainingRunnerTest {

    private static final List<String> PYTHON = List.of("python3", TestJobs.TINY_TRAINER.toString());

    @Autowired
    TrainingJobStore store;

    @TempDir
    Path temp;

    private LocalTrainingRunner runner;

    @AfterEach
    void closeRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    private LocalTrainingRunner runner(List<String> command, int concurrent, Duration grace) {
        runner = new LocalTrainingRunner(store, temp.resolve("data"), command, concurrent, grace, Clock.systemUTC());
        return runner;
    }

    private TrainingJob started(LocalTrainingRunner r, TrainingJob job) {
        store.create(job);
        r.start(job);
        return job;
    }

    @Test
    void poseOpsTrainerRunsThroughSageMakersStatusesAndLeavesAPackedModel() throws Exception {
        Path train = LabelledSets.folder(temp.resolve("train"), LabelledSets.IMAGE1, LabelledSets.SQUAT);
        Path validation = LabelledSets.folder(temp.resolve("validation"), LabelledSets.IMAGE2);
        TrainingJob job = started(runner(List.of(), 1, Duration.ofSeconds(10)), TestJobs.job("ours",
                Map.of("epochs", "4", "augmentations", "2", "validation_augmentations", "2"), train, validation, 600));

        TrainingJob done = TestJobs.awaitEnd(store, job.name());

        assertThat(done.status()).as("failure: %s", done.progress().failureReason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(done.progress().transitions()).extracting(StatusTransition::status)
                .containsExactly("Starting", "Downloading", "Training", "Uploading", "Completed");
        assertThat(done.progress().transitions()).allSatisfy(t -> assertThat(t.end()).isNotNull());
        assertThat(done.metrics()).filteredOn(p -> p.metric().equals(TrainerMetrics.VALIDATION_ECE))
                .extracting(MetricPoint::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(done.progress().finalMetrics()).containsKeys(TrainerMetrics.HELD_OUT_ECE_BEFORE,
                TrainerMetrics.HELD_OUT_ECE_AFTER, TrainerMetrics.TRAIN_LOSS);
        Path artifact = Path.of(done.progress().artifact());
        assertThat(artifact.getFileName().toString()).isEqualTo("model.tar.gz");
        Path unpacked = temp.resolve("unpacked");
        ModelArchive.extract(artifact, unpacked, 100_000_000);
        assertThat(Files.readAllBytes(unpacked.resolve("model.tflite")))
                .isEqualTo(Files.readAllBytes(TestData.lightningInt8Model()));
        assertThat(CalibrationFile.read(unpacked.resolve("calibration.json")).trainingImages()).hasSize(2);
        assertThat(runner.logTail(done, 100)).contains("[epoch 4/4]").contains("held_out_ece_after=");
    }

    @Test
    void anyProgramFollowingTheContractRunsAndItsMetricLinesAreScraped() throws Exception {
        TrainingJob job = started(runner(PYTHON, 1, Duration.ofSeconds(5)), TestJobs.job("python",
                Map.of("epochs", "3"), temp, null, 600));

        TrainingJob done = TestJobs.awaitEnd(store, job.name());

        assertThat(done.status()).as("failure: %s", done.progress().failureReason()).isEqualTo(TrainingStatus.COMPLETED);
        assertThat(done.metrics()).filteredOn(p -> p.metric().equals(TrainerMetrics.TRAIN_LOSS))
                .extracting(MetricPoint::value).containsExactly(1.0, 0.5, 0.33333, 0.25);
        assertThat(done.progress().finalMetrics()).containsEntry(TrainerMetrics.VALIDATION_LOSS, 0.275);
        Path unpacked = temp.resolve("unpacked");
        assertThat(ModelArchive.extract(Path.of(done.progress().artifact()), unpacked, 100_000_000))
                .extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("NOTES.txt", "model.tflite");
        assertThat(runner.logTail(done, 10)).contains("tiny trainer: channels model, train").contains("done");
    }

    @Test
    void aCrashWithAFailureFileFailsTheJobWithThatReason() throws Exception {
        TrainingJob job = started(runner(PYTHON, 1, Duration.ofSeconds(5)), TestJobs.job("crash",
                Map.of("epochs", "3", "fail", "with-file"), temp, null, 600));

        TrainingJob done = TestJobs.awaitEnd(store, job.name());

        assertThat(done.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(done.progress().failureReason()).isEqualTo("tiny trainer: the loss exploded at epoch 1 (as asked)");
        assertThat(done.progress().secondaryStatus()).isEqualTo("Failed");
        assertThat(done.progress().artifact()).isNull();
    }

    @Test
    void aCrashWithoutAFailureFileNamesTheExitCodeAndTheLastLines() throws Exception {
        TrainingJob job = started(runner(PYTHON, 1, Duration.ofSeconds(5)), TestJobs.job("silent",
                Map.of("epochs", "3", "fail", "silently"), temp, null, 600));

        TrainingJob done = TestJobs.awaitEnd(store, job.name());

        assertThat(done.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(done.progress().failureReason()).startsWith("The training program exited with code 4")
                .contains("crashing without a failure file");
    }

    @Test
    void stopSendsSigtermAndTheJobEndsStopped() throws Exception {
        LocalTrainingRunner r = runner(PYTHON, 1, Duration.ofSeconds(30));
        TrainingJob job = started(r, TestJobs.job("stop", Map.of("epochs", "1000", "epoch_seconds", "0.2"), temp, null,
                600));
        TrainingJob training = TestJobs.await(store, job.name(), "two epochs", j -> j.metrics().size() >= 4);
        ProcessHandle process = ProcessHandle.of(store.recordedProcess(job.name()).orElseThrow().pid()).orElseThrow();

        long stopAsked = System.nanoTime();
        r.stop(training);

        TrainingJob done = TestJobs.awaitEnd(store, job.name());
        assertThat(done.status()).isEqualTo(TrainingStatus.STOPPED);
        assertThat(done.progress().transitions()).extracting(StatusTransition::status).contains("Stopping", "Stopped");
        assertThat(process.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).as("SIGTERM ended it, not SIGKILL after 30 s")
                .isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void aProgramThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        LocalTrainingRunner r = runner(PYTHON, 1, Duration.ofSeconds(1));
        TrainingJob job = started(r, TestJobs.job("stubborn", Map.of("epochs", "1000", "epoch_seconds", "0.2",
                "ignore_sigterm", "true"), temp, null, 600));
        TrainingJob training = TestJobs.await(store, job.name(), "two epochs", j -> j.metrics().size() >= 4);
        ProcessHandle process = ProcessHandle.of(store.recordedProcess(job.name()).orElseThrow().pid()).orElseThrow();

        r.stop(training);

        assertThat(TestJobs.awaitEnd(store, job.name()).status()).isEqualTo(TrainingStatus.STOPPED);
        assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("killed").isFalse();
    }

    @Test
    void oneLocalJobRunsAtATimeByDefault() throws Exception {
        LocalTrainingRunner r = runner(PYTHON, 1, Duration.ofSeconds(5));
        TrainingJob first = started(r, TestJobs.job("first", Map.of("epochs", "1000", "epoch_seconds", "0.2"), temp,
                null, 600));
        TrainingJob second = TestJobs.job("second", Map.of("epochs", "1"), temp, null, 600);
        store.create(second);

        assertThatThrownBy(() -> r.start(second)).isInstanceOf(TrainingRefusedException.class)
                .hasMessageContaining("A local training job runs already (" + first.name() + ")")
                .hasMessageContaining("Training.localConcurrentJobs = 1");
        r.stop(first);
        TestJobs.awaitEnd(store, first.name());
    }

    @Test
    void aJobThatRunsLongerThanItsMaximumRuntimeIsStopped() throws Exception {
        TrainingJob job = started(runner(PYTHON, 1, Duration.ofSeconds(5)), TestJobs.job("slow",
                Map.of("epochs", "1000", "epoch_seconds", "0.2"), temp, null, 2));

        TrainingJob done = TestJobs.awaitEnd(store, job.name());

        assertThat(done.status()).isEqualTo(TrainingStatus.STOPPED);
        assertThat(done.progress().secondaryStatus()).isEqualTo("MaxRuntimeExceeded");
        assertThat(done.progress().transitions().getLast().message()).contains("maximum runtime of 2 s");
    }

    @Test
    void aConsoleThatDiedLeavesAJobThatTheNextStartEndsAsFailedWithItsOrphanedProgram() throws Exception {
        // What a console killed with SIGKILL leaves behind: a record in progress and its program still running.
        TrainingJob job = TestJobs.job("orphan", Map.of("epochs", "1000", "epoch_seconds", "0.2"), temp, null, 600);
        store.create(job);
        Path root = Files.createDirectories(temp.resolve("orphan-root/input/config"));
        Files.writeString(root.resolve("hyperparameters.json"), "{\"epochs\": \"1000\", \"epoch_seconds\": \"0.2\"}");
        ProcessBuilder orphanBuilder = new ProcessBuilder(PYTHON).redirectErrorStream(true)
                .redirectOutput(temp.resolve("orphan.log").toFile());
        orphanBuilder.environment().put("POSEOPS_TRAINING_ROOT", temp.resolve("orphan-root").toString());
        Files.createDirectories(temp.resolve("orphan-root/input/data/model"));
        Process orphan = orphanBuilder.start();
        store.recordProcess(job.name(), orphan.toHandle());

        runner(PYTHON, 1, Duration.ofSeconds(5)).recoverAfterRestart();

        TrainingJob recovered = store.find(job.name()).orElseThrow();
        assertThat(recovered.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(recovered.progress().failureReason()).isEqualTo(LocalTrainingRunner.RESTART_REASON);
        assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).as("the orphaned program was ended").isTrue();
    }

    @Test
    void aConsoleShutdownStopsItsJobsAndRecordsThemAsEndedByTheRestart() throws Exception {
        LocalTrainingRunner r = runner(PYTHON, 1, Duration.ofSeconds(5));
        TrainingJob job = started(r, TestJobs.job("shutdown", Map.of("epochs", "1000", "epoch_seconds", "0.2"), temp,
                null, 600));
        TestJobs.await(store, job.name(), "training", j -> j.metrics().size() >= 2);
        ProcessHandle process = ProcessHandle.of(store.recordedProcess(job.name()).orElseThrow().pid()).orElseThrow();

        r.close();
        runner = null;

        TrainingJob ended = store.find(job.name()).orElseThrow();
        assertThat(ended.status()).isEqualTo(TrainingStatus.FAILED);
        assertThat(ended.progress().failureReason()).isEqualTo(LocalTrainingRunner.RESTART_REASON);
        assertThat(process.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    }
}
