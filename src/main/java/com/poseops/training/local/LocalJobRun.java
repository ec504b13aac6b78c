package com.poseops.training.local;

import com.poseops.inference.tools.ModelArchive;
import com.poseops.inference.training.TrainMain;
import com.poseops.inference.training.TrainingPaths;
import com.poseops.platform.process.ChildProcesses;
import com.poseops.training.JobChannel;
import com.poseops.training.JobProgress;
import com.poseops.training.MetricPoint;
import com.poseops.training.StatusTransition;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingJobStore;
import com.poseops.training.TrainingStatus;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One local job, start to end, on its own thread, with SageMaker's secondary statuses: Starting (the job folder and
 * its config files) → Downloading (the channels copied in) → Training (the program runs; its output is the job's log
 * and its metric lines are scraped) → Uploading (the model folder packed as model.tar.gz) → Completed; or Failed (the
 * program's {@code output/failure}, else its exit code and last lines) or Stopped (Stop, or MaxRuntimeExceeded).
 * Every change is written to the job's record and announced.
 */
final class LocalJobRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(LocalJobRun.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String LOG_FILE = "job.log";
    private static final int MAX_REASON = 1000;

    private final TrainingJob job;
    private final TrainingPaths paths;
    private final List<String> command;
    private final TrainingJobStore store;
    private final Clock clock;
    private final Duration stopGrace;
    private final Runnable announce;
    private final List<StatusTransition> transitions = new ArrayList<>();
    private final List<MetricPoint> metrics = new ArrayList<>();
    private volatile @Nullable Process process;
    private volatile @Nullable String stopReason;
    private volatile String stopStatus = "Stopped";
    private volatile @Nullable Instant startedAt;

    LocalJobRun(TrainingJob job, Path root, List<String> command, TrainingJobStore store, Clock clock,
            Duration stopGrace, Runnable announce) {
        this.job = job;
        this.paths = new TrainingPaths(root);
        this.command = command;
        this.store = store;
        this.clock = clock;
        this.stopGrace = stopGrace;
        this.announce = announce;
    }

    String name() {
        return job.name();
    }

    Path logFile() {
        return paths.root().resolve(LOG_FILE);
    }

    /**
     * Asks the job to stop: SIGTERM to its program (SIGKILL after the grace period); a job not yet training stops
     * before it starts the program.
     *
     * @param secondaryStatus Stopped (a person's Stop) or MaxRuntimeExceeded
     */
    void stop(String secondaryStatus, String reason) {
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            stopStatus = secondaryStatus;
            stopReason = reason;
        }
        save(TrainingStatus.STOPPING, "Stopping", reason, null, null);
        Process running = process;
        if (running != null) {
            Thread.ofPlatform().name("stop-" + job.name()).daemon().start(
                    () -> ChildProcesses.stop(running.toHandle(), stopGrace));
        }
    }

    /** True once the program runs or ran (a restart recovery needs its pid). */
    @Nullable Process process() {
        return process;
    }

    @Override
    public void run() {
        try {
            startedAt = clock.instant();
            save(TrainingStatus.IN_PROGRESS, "Starting", "Preparing the job folder " + paths.root(), null, null);
            prepare();
            if (stopped()) {
                return;
            }
            save(TrainingStatus.IN_PROGRESS, "Downloading", "Copying the input channels", null, null);
            for (JobChannel channel : job.channels()) {
                copyChannel(channel);
            }
            if (stopped()) {
                return;
            }
            save(TrainingStatus.IN_PROGRESS, "Training", "Running " + String.join(" ", displayCommand()), null, null);
            int exit = runProgram();
            if (stopped()) {
                return;
            }
            if (exit != 0) {
                save(TrainingStatus.FAILED, "Failed", "Training failed", failureReason(exit), null);
                return;
            }
            save(TrainingStatus.IN_PROGRESS, "Uploading", "Packing the model folder as model.tar.gz", null, null);
            Path artifact = paths.output().resolve("model.tar.gz");
            ModelArchive.writeDirectory(paths.model(), artifact);
            save(TrainingStatus.COMPLETED, "Completed", "Training job completed", null, artifact.toString());
        } catch (IOException | RuntimeException e) {
            log.warn("Local training job {} failed: {}", job.name(), e.toString());
            save(TrainingStatus.FAILED, "Failed", "Training failed", "The job could not run: " + e.getMessage(), null);
        } finally {
            store.recordProcess(job.name(), null);
        }
    }

    /** After a stop request: records Stopped (or MaxRuntimeExceeded) and ends the run. */
    private boolean stopped() {
        String reason = stopReason;
        if (reason == null) {
            return false;
        }
        save(TrainingStatus.STOPPED, stopStatus, reason, null, null);
        return true;
    }

    private void prepare() throws IOException {
        Files.createDirectories(paths.inputConfig());
        Files.createDirectories(paths.channels());
        Files.createDirectories(paths.model());
        Files.createDirectories(paths.output().resolve("data"));
        Files.writeString(paths.hyperparameters(), JSON.writeValueAsString(job.hyperparameters()));
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        for (JobChannel channel : job.channels()) {
            inputConfig.put(channel.name(), Map.of("TrainingInputMode", "File", "S3DistributionType", "FullyReplicated"));
        }
        Files.writeString(paths.inputConfig().resolve("inputdataconfig.json"), JSON.writeValueAsString(inputConfig));
    }

    /** A dataset folder is copied whole; the model channel gets the model file alone (not an old calibration). */
    private void copyChannel(JobChannel channel) throws IOException {
        Path target = Files.createDirectories(paths.channel(channel.name()));
        Path source = Path.of(channel.uri());
        if (Files.isRegularFile(source)) {
            Files.copy(source, target.resolve(source.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        if (!Files.isDirectory(source)) {
            throw new IOException("the " + channel.name() + " channel's source " + source + " is gone");
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private int runProgram() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(paths.root().toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment());
        Process started = builder.start();
        process = started;
        store.recordProcess(job.name(), started.toHandle());
        Thread reader = Thread.ofPlatform().name("output-" + job.name()).daemon().start(() -> readOutput(started));
        try {
            boolean finished = started.waitFor(job.maxRuntimeSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                stop("MaxRuntimeExceeded", "The job ran longer than its maximum runtime of " + job.maxRuntimeSeconds()
                        + " s and was stopped.");
                started.waitFor();
            }
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ChildProcesses.stop(started.toHandle(), stopGrace);
        }
        return started.isAlive() ? -1 : started.exitValue();
    }

    /** The program's output: appended to the job's log, metric lines scraped into the record. */
    private void readOutput(Process running) {
        MetricScraper scraper = new MetricScraper(job.metricDefinitions());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(running.getInputStream(),
                StandardCharsets.UTF_8));
                BufferedWriter logFile = Files.newBufferedWriter(logFile(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line; (line = in.readLine()) != null; ) {
                logFile.write(line);
                logFile.newLine();
                logFile.flush();
                List<MetricPoint> points = scraper.scrape(line, clock.instant());
                if (!points.isEmpty()) {
                    synchronized (metrics) {
                        metrics.addAll(points);
                    }
                    saveMetrics();
                }
            }
        } catch (IOException e) {
            log.debug("Output of training job {} ended: {}", job.name(), e.toString());
        }
    }

    /**
     * The contract's root, plus the {@code SM_*} variables of SageMaker's training toolkit for programs written for it,
     * plus this console's pid (PoseOps' trainer stops itself when the console is gone).
     */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(TrainingPaths.ROOT_VARIABLE, paths.root().toString());
        env.put(TrainMain.PARENT_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        env.put("SM_MODEL_DIR", paths.model().toString());
        env.put("SM_INPUT_DIR", paths.root().resolve("input").toString());
        env.put("SM_INPUT_CONFIG_DIR", paths.inputConfig().toString());
        env.put("SM_OUTPUT_DIR", paths.output().toString());
        env.put("SM_OUTPUT_DATA_DIR", paths.output().resolve("data").toString());
        env.put("SM_CHANNELS", JSON.writeValueAsString(job.channels().stream().map(JobChannel::name).toList()));
        for (JobChannel channel : job.channels()) {
            env.put("SM_CHANNEL_" + channel.name().toUpperCase(Locale.ROOT), paths.channel(channel.name()).toString());
        }
        env.put("SM_HPS", JSON.writeValueAsString(job.hyperparameters()));
        return env;
    }

    private String failureReason(int exit) {
        try {
            if (Files.isRegularFile(paths.failure())) {
                String reason = Files.readString(paths.failure(), StandardCharsets.UTF_8).strip();
                if (!reason.isEmpty()) {
                    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
                }
            }
        } catch (IOException e) {
            log.debug("No failure file for {}: {}", job.name(), e.toString());
        }
        return "The training program exited with code " + exit + " and wrote no output/failure. Last lines: "
                + String.join(" | ", LocalTrainingRunner.tail(logFile(), 3));
    }

    private List<String> displayCommand() {
        List<String> shown = new ArrayList<>();
        for (String part : command) {
            shown.add(part.length() > 80 ? "…" + part.substring(part.length() - 40) : part);
        }
        return shown;
    }

    private void saveMetrics() {
        List<MetricPoint> snapshot;
        synchronized (metrics) {
            snapshot = List.copyOf(metrics);
        }
        store.update(job.name(), current -> current.withProgress(
                finalMetrics(current.progress(), snapshot), snapshot));
        announce.run();
    }

    private static JobProgress finalMetrics(JobProgress progress, List<MetricPoint> points) {
        Map<String, Double> last = new LinkedHashMap<>();
        points.forEach(p -> last.put(p.metric(), p.value()));
        return new JobProgress(progress.status(), progress.secondaryStatus(), progress.transitions(), last,
                progress.failureReason(), progress.artifact(), progress.startedAt(), progress.endedAt());
    }

    /** Records a new secondary status (closing the previous one) and, with it, the primary status. */
    private synchronized void save(TrainingStatus status, String secondary, String message, @Nullable String failure,
            @Nullable String artifact) {
        Instant now = clock.instant();
        if (!transitions.isEmpty()) {
            StatusTransition open = transitions.getLast();
            if (open.end() == null) {
                transitions.set(transitions.size() - 1, new StatusTransition(open.status(), open.start(), now,
                        open.message()));
            }
        }
        transitions.add(new StatusTransition(secondary, now, status.isTerminal() ? now : null, message));
        List<StatusTransition> timeline = List.copyOf(transitions);
        List<MetricPoint> snapshot;
        synchronized (metrics) {
            snapshot = List.copyOf(metrics);
        }
        store.update(job.name(), current -> {
            JobProgress previous = current.progress();
            Map<String, Double> last = new LinkedHashMap<>();
            snapshot.forEach(p -> last.put(p.metric(), p.value()));
            return current.withProgress(new JobProgress(status, secondary, timeline, last, failure,
                    artifact != null ? artifact : previous.artifact(), startedAt, status.isTerminal() ? now : null),
                    snapshot);
        });
        announce.run();
    }
}
