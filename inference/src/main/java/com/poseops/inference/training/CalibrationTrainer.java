package com.poseops.inference.training;

import com.poseops.inference.PoseEstimator;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.calibration.CorrectnessRule;
import com.poseops.inference.calibration.KeypointCalibration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The training loop. Epoch 0 reports the model's own scores (the identity calibration); each following epoch makes
 * fresh augmented views of every training image, runs the frozen model on them, and takes gradient steps on the
 * resulting samples. The validation views are fixed (each image plus seeded augmentations) and scored after every
 * epoch; the pairs with the lowest validation log-loss are kept, and training stops after {@code patience} epochs
 * without improvement.
 */
final class CalibrationTrainer {

    /** What a run produced. {@code heldOut} is null without a validation channel. */
    record Result(KeypointCalibration calibration, int epochs, int bestEpoch, Samples.@Nullable Quality before,
            Samples.@Nullable Quality after, boolean stopped) {
    }

    private final PoseEstimator model;
    private final Hyperparameters hyperparameters;
    private final CorrectnessRule rule;
    private final Augmenter augmenter;
    private final ExecutorService pool;
    private final Consumer<String> output;
    private final BooleanSupplier stopRequested;

    CalibrationTrainer(PoseEstimator model, Hyperparameters hyperparameters, ExecutorService pool,
            Consumer<String> output, BooleanSupplier stopRequested) {
        this.model = model;
        this.hyperparameters = hyperparameters;
        this.rule = new CorrectnessRule(hyperparameters.correctWithin());
        this.augmenter = new Augmenter(hyperparameters.maxRotationDegrees());
        this.pool = pool;
        this.output = output;
        this.stopRequested = stopRequested;
    }

    Result train(List<LabelledImage> training, List<LabelledImage> validation) throws TrainingFailure {
        Hyperparameters hp = hyperparameters;
        Samples validationSamples = validation.isEmpty() ? null
                : samples(validation, hp.validationAugmentations(), -1, true);
        if (validationSamples != null && validationSamples.size() == 0) {
            throw new TrainingFailure("The validation images give no samples: each needs its left shoulder and "
                    + "right hip labelled (the torso diameter defines what \"correct\" means).");
        }
        CalibrationFit fit = new CalibrationFit(hp.learningRate(), hp.l2());
        KeypointCalibration best = fit.current();
        Samples.Quality before = validationSamples == null ? null : validationSamples.quality(best);
        Samples.Quality bestQuality = before;
        int bestEpoch = 0;
        int epoch = 0;
        Samples epochSamples = samples(training, hp.augmentations(), 1, false);
        if (epochSamples.size() == 0) {
            throw new TrainingFailure("The training images give no samples: each needs its left shoulder and right "
                    + "hip labelled (the torso diameter defines what \"correct\" means).");
        }
        report(0, epochSamples.quality(best), before);
        boolean stopped = false;
        for (epoch = 1; epoch <= hp.epochs(); epoch++) {
            if (stopRequested.getAsBoolean()) {
                stopped = true;
                epoch--;
                break;
            }
            if (epoch > 1) {
                epochSamples = samples(training, hp.augmentations(), epoch, false);
            }
            fit.step(epochSamples, hp.stepsPerEpoch());
            KeypointCalibration current = fit.current();
            Samples.Quality validated = validationSamples == null ? null : validationSamples.quality(current);
            report(epoch, epochSamples.quality(current), validated);
            if (validated == null) {
                best = current;
                bestEpoch = epoch;
            } else if (validated.logLoss() < bestQuality.logLoss()) {
                best = current;
                bestQuality = validated;
                bestEpoch = epoch;
            } else if (epoch - bestEpoch >= hp.patience()) {
                output.accept("[early stop] validation loss has not improved for " + hp.patience()
                        + " epochs; keeping epoch " + bestEpoch);
                break;
            }
        }
        int epochsRun = Math.min(epoch, hp.epochs());
        if (before != null) {
            output.accept(TrainerMetrics.summaryLine(before.ece(), bestQuality.ece(), bestEpoch));
        }
        return new Result(best, epochsRun, bestEpoch, before, bestQuality, stopped);
    }

    private void report(int epoch, Samples.Quality train, Samples.@Nullable Quality validation) {
        Map<String, Double> validationValues = new LinkedHashMap<>();
        if (validation != null) {
            validationValues.put("validation_loss", validation.logLoss());
            validationValues.put("validation_ece", validation.ece());
            validationValues.put("validation_brier", validation.brier());
        }
        output.accept(TrainerMetrics.epochLine(epoch, hyperparameters.epochs(), train.logLoss(), train.ece(),
                validationValues));
    }

    /**
     * Runs the model on views of the images, in parallel on the pool. Training views are fresh per epoch;
     * validation views ({@code includeOriginal}) are the image itself plus augmentations from a fixed seed.
     */
    private Samples samples(List<LabelledImage> images, int augmentations, int epoch, boolean includeOriginal)
            throws TrainingFailure {
        List<Future<Samples>> futures = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            LabelledImage image = images.get(i);
            int imageIndex = i;
            if (includeOriginal) {
                futures.add(pool.submit(() -> one(model.estimate(image.image()), image.truth())));
            }
            for (int v = 0; v < augmentations; v++) {
                long viewSeed = hyperparameters.seed() * 1_000_003L + epoch * 10_007L + imageIndex * 101L + v;
                futures.add(pool.submit(() -> {
                    Augmenter.View view = augmenter.augment(image.image(), image.truth(), new SplittableRandom(viewSeed));
                    return one(model.estimate(view.image()), view.truth());
                }));
            }
        }
        Samples all = new Samples();
        try {
            for (Future<Samples> future : futures) {
                all.addAll(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingFailure("Interrupted while running the model on the views.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new TrainingFailure("Running the model on a view failed: " + (cause == null ? e : cause), e);
        }
        return all;
    }

    private Samples one(PosePrediction prediction, com.poseops.inference.labels.LabelledPose truth) {
        Samples samples = new Samples();
        samples.add(prediction, truth, rule);
        return samples;
    }
}
