package com.poseops.inference.training;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.ModelLoadException;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.calibration.CalibrationFile;
import com.poseops.inference.calibration.CorrectnessRule;
import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.labels.LabelFormatException;
import com.poseops.inference.labels.LabelledFolder;
import com.poseops.inference.labels.LabelledPose;
import com.poseops.inference.labels.UprightImage;
import com.poseops.inference.tools.ModelArchive;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The {@code train} program ({@code inference/train}; SageMaker runs the image as {@code train}): calibrates the
 * keypoint confidence of the MoveNet model in the {@code model} channel on the labelled images of the {@code train}
 * channel, with early stopping on the {@code validation} channel, and writes the unchanged {@code model.tflite} plus
 * {@value CalibrationFile#FILE_NAME} to {@code <root>/model}. Exit 0 on success (also when stopped by SIGTERM: the
 * best pairs so far are written), 1 with {@code <root>/output/failure} on failure.
 */
public final class TrainMain {

    /** Set by the console for a local job: the job stops itself when the console is gone. */
    public static final String PARENT_PID_VARIABLE = "POSEOPS_PARENT_PID";
    /** A labelled set (channel) may have at most this many images. */
    public static final int MAX_IMAGES = 2000;
    private static final long MAX_IMAGE_PIXELS = 40_000_000L;
    private static final long MAX_MODEL_ARCHIVE_BYTES = 2L * 1024 * 1024 * 1024;

    private TrainMain() {
    }

    public static void main(String[] args) {
        TrainingPaths paths = TrainingPaths.fromEnvironment(System.getenv());
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // SIGTERM (StopTrainingJob, or the console's Stop) runs this hook: ask the loop to stop and give it time to
        // write what it has; SageMaker kills the container 120 s after SIGTERM, the console after its grace period.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("stop").unstarted(() -> {
            stop.set(true);
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        exitWithParent(System.getenv(PARENT_PID_VARIABLE));
        int status;
        try {
            run(paths, System.out, stop::get);
            status = 0;
        } catch (TrainingFailure e) {
            fail(paths, e.getMessage());
            status = 1;
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            fail(paths, "The trainer failed unexpectedly (" + e + "). The job's log has the details.");
            status = 1;
        } finally {
            finished.countDown();
        }
        if (!stop.get()) {
            System.exit(status);
        }
    }

    /** The whole job: read inputs, train, write the model folder. */
    static void run(TrainingPaths paths, PrintStream out, java.util.function.BooleanSupplier stop)
            throws TrainingFailure {
        long started = System.nanoTime();
        Hyperparameters hp = Hyperparameters.read(paths.hyperparameters());
        out.println("Hyperparameters: " + hp);
        Path model = baseModel(paths);
        List<LabelledImage> training = labelledImages(paths, TrainingPaths.TRAIN, true);
        List<LabelledImage> validation = paths.hasChannel(TrainingPaths.VALIDATION)
                ? labelledImages(paths, TrainingPaths.VALIDATION, false) : List.of();
        out.println("Training images: " + training.size() + ", validation images: " + validation.size()
                + (validation.isEmpty() ? " (no validation channel: no early stopping, no held-out numbers)" : ""));
        int workers = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("views-", 0).factory());
        try (MoveNetEngine engine = MoveNetEngine.loadWarmedUp(model, EngineOptions.defaults().withWorkers(workers))) {
            out.println("Model: " + model.getFileName() + " (" + engine.model().inputSize() + "×"
                    + engine.model().inputSize() + " " + engine.model().inputType() + ", sha256 "
                    + engine.model().sha256() + ")");
            CalibrationTrainer trainer = new CalibrationTrainer(engine, hp, pool, line -> {
                out.println(line);
                out.flush();
            }, stop);
            CalibrationTrainer.Result result = trainer.train(training, validation);
            writeModel(paths, model, hp, result, training, validation);
            out.printf(Locale.ROOT, "Wrote %s and %s to %s in %.1f s%s%n", ModelArchive.ENTRY_NAME,
                    CalibrationFile.FILE_NAME, paths.model(), (System.nanoTime() - started) / 1e9,
                    result.stopped() ? " (stopped early on request)" : "");
        } catch (ModelLoadException e) {
            throw new TrainingFailure("The model in the '" + TrainingPaths.MODEL + "' channel cannot be loaded: "
                    + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The .tflite of the model channel: a .tflite file, or the one inside a model.tar.gz. */
    static Path baseModel(TrainingPaths paths) throws TrainingFailure {
        if (!paths.hasChannel(TrainingPaths.MODEL)) {
            throw new TrainingFailure("No '" + TrainingPaths.MODEL + "' channel: give the MoveNet model to calibrate "
                    + "(a .tflite, or a model.tar.gz holding one) as the input channel named '" + TrainingPaths.MODEL
                    + "'.");
        }
        Path channel = paths.channel(TrainingPaths.MODEL);
        try {
            Path found = firstFile(channel, ".tflite");
            if (found != null) {
                return found;
            }
            Path archive = firstFile(channel, ".tar.gz");
            if (archive != null) {
                Path unpacked = paths.work().resolve("base-model");
                ModelArchive.extract(archive, unpacked, MAX_MODEL_ARCHIVE_BYTES);
                Path inside = firstFile(unpacked, ".tflite");
                if (inside != null) {
                    return inside;
                }
            }
        } catch (IOException e) {
            throw new TrainingFailure("Cannot read the '" + TrainingPaths.MODEL + "' channel: " + e.getMessage(), e);
        }
        throw new TrainingFailure("The '" + TrainingPaths.MODEL + "' channel holds no .tflite (nor a model.tar.gz "
                + "with one).");
    }

    private static Path firstFile(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(directory, 8)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
                    .min(Comparator.naturalOrder()).orElse(null);
        }
    }

    static List<LabelledImage> labelledImages(TrainingPaths paths, String channel, boolean required)
            throws TrainingFailure {
        if (!paths.hasChannel(channel)) {
            throw new TrainingFailure("No '" + channel + "' channel: give labelled images (JPEG/PNG/BMP plus a truth "
                    + ".csv or COCO .json) as the input channel named '" + channel + "'.");
        }
        LabelledFolder folder;
        try {
            folder = LabelledFolder.read(paths.channel(channel), null, MAX_IMAGES);
        } catch (LabelFormatException e) {
            throw new TrainingFailure("The '" + channel + "' channel is not a labelled set: " + e.getMessage(), e);
        }
        List<LabelledImage> images = new ArrayList<>();
        for (LabelledFolder.Entry entry : folder.labelled()) {
            String name = entry.pose().image();
            try {
                byte[] bytes = Files.readAllBytes(entry.image());
                BufferedImage image = UprightImage.decode(bytes, MAX_IMAGE_PIXELS);
                LabelledPose pose = entry.pose();
                var outside = pose.firstOutside(image.getWidth(), image.getHeight());
                if (outside != null) {
                    throw new TrainingFailure("In the '" + channel + "' channel, " + name + " labels "
                            + outside.label() + " outside the image (" + image.getWidth() + "×" + image.getHeight()
                            + ").");
                }
                if (CorrectnessRule.torsoLength(pose) == null) {
                    continue; // no torso: no definition of correct (the trainer says so if nothing is left)
                }
                images.add(new LabelledImage(name, HexFormat.of().formatHex(ModelFile.newSha256().digest(bytes)),
                        image, pose));
            } catch (IOException e) {
                throw new TrainingFailure("Cannot read " + name + " in the '" + channel + "' channel: "
                        + e.getMessage(), e);
            } catch (ImageRejectedException e) {
                throw new TrainingFailure("In the '" + channel + "' channel, " + name + " is not a usable image: "
                        + e.getMessage(), e);
            }
        }
        if (images.isEmpty() && required) {
            throw new TrainingFailure("The '" + channel + "' channel has no image with its left shoulder and right hip "
                    + "labelled; the torso diameter between them defines what a correct keypoint is.");
        }
        return images;
    }

    private static void writeModel(TrainingPaths paths, Path model, Hyperparameters hp,
            CalibrationTrainer.Result result, List<LabelledImage> training, List<LabelledImage> validation)
            throws TrainingFailure {
        CalibrationFile.HeldOut heldOut = result.before() == null || result.after() == null ? null
                : new CalibrationFile.HeldOut(result.before().ece(), result.after().ece(), result.before().brier(),
                        result.after().brier(), result.before().logLoss(), result.after().logLoss(),
                        result.after().samples());
        CalibrationFile file = new CalibrationFile(result.calibration(), new CorrectnessRule(hp.correctWithin()),
                refs(training), refs(validation), heldOut, result.epochs(), result.bestEpoch());
        try {
            Files.createDirectories(paths.model());
            Files.copy(model, paths.model().resolve(ModelArchive.ENTRY_NAME), StandardCopyOption.REPLACE_EXISTING);
            file.write(paths.model().resolve(CalibrationFile.FILE_NAME));
        } catch (IOException e) {
            throw new TrainingFailure("Cannot write the model to " + paths.model() + ": " + e.getMessage(), e);
        }
    }

    private static List<CalibrationFile.ImageRef> refs(List<LabelledImage> images) {
        return images.stream().map(i -> new CalibrationFile.ImageRef(i.name(), i.sha256())).toList();
    }

    /** Writes the failure reason where SageMaker (and the console) read it, and to standard error. */
    static void fail(TrainingPaths paths, String reason) {
        System.err.println("Training failed: " + reason);
        try {
            Files.createDirectories(paths.output());
            Files.writeString(paths.failure(), reason, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("Could not write " + paths.failure() + ": " + e.getMessage());
        }
    }

    private static void exitWithParent(String parentPid) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(parentPid.strip())).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> {
                        System.err.println("The console (pid " + parentPid + ") is gone; stopping");
                        System.exit(1);
                    }),
                    () -> System.exit(1));
        } catch (NumberFormatException e) {
            System.err.println(PARENT_PID_VARIABLE + " must be a process id, got " + parentPid);
        }
    }
}
