package com.poseops.training.local;

import com.poseops.inference.training.TrainMain;
import com.poseops.platform.process.ChildProcesses;
import com.poseops.platform.process.JavaMainCommand;
import com.poseops.training.JobProgress;
import com.poseops.training.MetricPoint;
import com.poseops.training.StatusTransition;
import com.poseops.training.TrainingBackend;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingJobStore;
import com.poseops.training.TrainingRefusedException;
import com.poseops.training.TrainingStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's training backend: each job is a child process under SageMaker's training contract, in its own folder
 * {@code <dataDir>/training/<job>/} (the contract's root). It runs any program that follows the contract —
 * {@code Training.localCommand}, by default PoseOps' own trainer (the image's {@code train}). At most
 * {@code Training.localConcurrentJobs} run at once. Stop = SIGTERM, SIGKILL after the grace period.
 * <p>
 * A console restart while a job runs ends it with a defined, visible outcome: on shutdown the runner stops its jobs
 * and records them as Failed ("Stopped by a console restart"); after a crash, the next start does the same for jobs
 * left in progress, ending their program if it still runs (PoseOps' trainer also stops by itself when the console is
 * gone).
 */
public final class LocalTrainingRunner implements TrainingBackend, AutoCloseable {

    static final String RESTART_REASON = "Stopped by a console restart: the console stopped while the job ran. "
            + "Start the job again.";
    private static final Logger log = LoggerFactory.getLogger(LocalTrainingRunner.class);

    private final TrainingJobStore store;
    private final Path jobsDirectory;
    private final List<String> command;
    private final int maxConcurrent;
    private final Duration stopGrace;
    private final Clock clock;
    private final Map<String, LocalJobRun> running = new ConcurrentHashMap<>();
    private volatile Runnable announce = () -> { };

    /**
     * @param command the program to run; empty = PoseOps' trainer in a child JVM of the console's own code
     */
    public LocalTrainingRunner(TrainingJobStore store, Path dataDirectory, List<String> command, int maxConcurrent,
            Duration stopGrace, Clock clock) {
        this.store = store;
        this.jobsDirectory = dataDirectory.resolve("training");
        this.command = command.isEmpty()
                ? JavaMainCommand.forMainClass(TrainMain.class.getName(), List.of("-Xmx768m", "-XX:+UseSerialGC"))
                : List.copyOf(command);
        this.maxConcurrent = maxConcurrent;
        this.stopGrace = stopGrace;
        this.clock = clock;
    }

    /** Called after every change a running job records (the monitor pushes it to the pages). */
    public void onChange(Runnable listener) {
        this.announce = listener;
    }

    /**
     * Ends what a previous console run left in progress: its program, if it still runs (and is the job's, by start
     * time), and the job itself as Failed with {@value #RESTART_REASON}. Call once at start, before new jobs.
     */
    public void recoverAfterRestart() {
        for (TrainingJob job : store.active()) {
            if (job.status().isTerminal() || running.containsKey(job.name())) {
                continue;
            }
            store.recordedProcess(job.name()).ifPresent(recorded -> ProcessHandle.of(recorded.pid())
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> recorded.started() == null || handle.info().startInstant()
                            .map(start -> Math.abs(Duration.between(start, recorded.started()).toMillis()) < 2000)
                            .orElse(false))
                    .ifPresent(handle -> {
                        log.warn("Ending training job {}'s program (pid {}) left by the previous console run",
                                job.name(), handle.pid());
                        ChildProcesses.stop(handle, stopGrace);
                    }));
            fail(job.name(), RESTART_REASON);
            log.warn("Training job {} was in progress when the console stopped; recorded as failed", job.name());
        }
    }

    @Override
    public void start(TrainingJob job) {
        LocalJobRun run;
        synchronized (running) {
            if (running.size() >= maxConcurrent) {
                throw new TrainingRefusedException(running.size() == 1
                        ? "A local training job runs already (" + running.keySet().iterator().next() + "); one runs at "
                        + "a time (Training.localConcurrentJobs = " + maxConcurrent + "). Wait for it or stop it."
                        : running.size() + " local training jobs run already (Training.localConcurrentJobs = "
                        + maxConcurrent + "). Wait for one or stop it.");
            }
            run = new LocalJobRun(job, jobsDirectory.resolve(job.name()), command, store, clock, stopGrace,
                    () -> announce.run());
            running.put(job.name(), run);
        }
        Thread.ofPlatform().name("training-" + job.name()).daemon().start(() -> {
            try {
                run.run();
            } finally {
                running.remove(job.name());
                announce.run();
            }
        });
    }

    @Override
    public Optional<JobProgress> describe(TrainingJob job) {
        return Optional.of(job.progress());
    }

    @Override
    public List<MetricPoint> metrics(TrainingJob job) {
        return job.metrics();
    }

    @Override
    public void stop(TrainingJob job) {
        LocalJobRun run = running.get(job.name());
        if (run == null) {
            throw new TrainingRefusedException("Training job " + job.name() + " is not running on this console.");
        }
        run.stop("Stopped", "Stopped on request.");
    }

    @Override
    public String logTail(TrainingJob job, int lines) {
        Path file = jobsDirectory.resolve(job.name()).resolve(LocalJobRun.LOG_FILE);
        if (!Files.exists(file)) {
            return "";
        }
        return String.join("\n", tail(file, lines));
    }

    @Override
    public List<JobSummary> list(int max) {
        return List.of(); // every local job is in the console's own records
    }

    @Override
    public boolean runsLocally() {
        return true;
    }

    /** Stops every running job and records it as ended by the restart (the console is shutting down). */
    @Override
    public void close() {
        List<LocalJobRun> runs = new ArrayList<>(running.values());
        for (LocalJobRun run : runs) {
            run.stop("Stopped", RESTART_REASON);
        }
        for (LocalJobRun run : runs) {
            Process process = run.process();
            if (process != null) {
                ChildProcesses.stop(process.toHandle(), stopGrace);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (LocalJobRun run : runs) {
            fail(run.name(), RESTART_REASON);
        }
    }

    /** Records a job as Failed with a reason (keeps its timeline, closing the open step). */
    private void fail(String name, String reason) {
        Instant now = clock.instant();
        store.update(name, job -> {
            if (job.status() == TrainingStatus.COMPLETED) {
                return job;
            }
            List<StatusTransition> timeline = new ArrayList<>(job.progress().transitions());
            if (!timeline.isEmpty() && timeline.getLast().end() == null) {
                StatusTransition open = timeline.getLast();
                timeline.set(timeline.size() - 1, new StatusTransition(open.status(), open.start(), now, open.message()));
            }
            timeline.add(new StatusTransition("Failed", now, now, reason));
            JobProgress p = job.progress();
            return job.withProgress(new JobProgress(TrainingStatus.FAILED, "Failed", timeline, p.finalMetrics(), reason,
                    null, p.startedAt(), now), job.metrics());
        });
    }

    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }
}
