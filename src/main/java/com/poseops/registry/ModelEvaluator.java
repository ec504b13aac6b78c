package com.poseops.registry;

import com.poseops.datasets.LabelledImages;
import com.poseops.inference.BodyPart;
import com.poseops.inference.EngineOptions;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.Keypoint;
import com.poseops.inference.ModelLoadException;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.PoseEstimator;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.calibration.CalibratedEstimator;
import com.poseops.inference.calibration.CalibrationMetrics;
import com.poseops.inference.calibration.CorrectnessRule;
import com.poseops.inference.labels.LabelledPose;
import com.poseops.inference.labels.UprightImage;
import com.poseops.registry.EvaluationReport.ImageResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a candidate model on the evaluation set with the same inference engine the endpoints use — calibrated exactly
 * as an endpoint would be, when a calibration.json lies beside the model — one interpreter on one thread (the console
 * shares its two cores with everything else; the latency is then per-core, comparable between versions).
 * <p>
 * Position metrics count labelled keypoints; the calibration metrics (ECE, Brier) count labelled keypoints of images
 * whose torso is labelled, scored against {@link CorrectnessRule#DEFAULT} for every version, so versions compare.
 */
public class ModelEvaluator {

    /** Each image is predicted this many times after a warm-up; the median of all runs is the p50 latency. */
    static final int RUNS_PER_IMAGE = 5;
    private static final long MAX_IMAGE_PIXELS = 40_000_000L;

    /** Progress: images done of total. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * @throws ModelLoadException when the model (or its calibration) cannot be loaded (the message says why)
     */
    public EvaluationReport evaluate(Path modelFile, LabelledImages set, Progress progress) throws ModelLoadException {
        MoveNetEngine engine = MoveNetEngine.load(modelFile, EngineOptions.defaults().withWorkers(1));
        try (PoseEstimator estimator = CalibratedEstimator.besideModel(engine, modelFile)) {
            engine.warmUp();
            return evaluate(estimator, set, progress);
        }
    }

    private EvaluationReport evaluate(PoseEstimator estimator, LabelledImages set, Progress progress) {
        List<ImageResult> results = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        double errorSum = 0;
        double errorMax = 0;
        int within = 0;
        int keypoints = 0;
        double scoreSum = 0;
        int scored = 0;
        double[] probabilities = new double[set.items().size() * BodyPart.COUNT];
        boolean[] correct = new boolean[probabilities.length];
        int samples = 0;
        int total = set.items().size();
        progress.update(0, total);
        for (LabelledImages.Item image : set.items()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("evaluation interrupted");
            }
            PosePrediction prediction;
            double[] runs = new double[RUNS_PER_IMAGE];
            try {
                byte[] encoded = image.bytes().read();
                prediction = predict(estimator, encoded);
                for (int r = 0; r < RUNS_PER_IMAGE; r++) {
                    long start = System.nanoTime();
                    predict(estimator, encoded);
                    runs[r] = (System.nanoTime() - start) / 1e6;
                }
            } catch (ImageRejectedException | IllegalArgumentException e) {
                results.add(new ImageResult(image.name(), 0, 0, 0, 0, 0, 0, 0, e.getMessage()));
                progress.update(results.size(), total);
                continue;
            }
            LabelledPose truth = image.truth();
            double diagonal = Math.hypot(prediction.imageWidth(), prediction.imageHeight());
            Double tolerance = CorrectnessRule.DEFAULT.tolerancePx(truth);
            double imageSum = 0;
            double imageMax = 0;
            int imageWithin = 0;
            int n = 0;
            for (int k = 0; k < BodyPart.COUNT; k++) {
                if (!truth.labelled()[k]) {
                    continue;
                }
                Keypoint predicted = prediction.keypoints().get(k);
                double error = Math.hypot(predicted.x() - truth.x()[k], predicted.y() - truth.y()[k]);
                imageSum += error;
                imageMax = Math.max(imageMax, error);
                n++;
                if (error <= 0.05 * diagonal) {
                    imageWithin++;
                }
                if (tolerance != null) {
                    probabilities[samples] = predicted.score();
                    correct[samples] = error <= tolerance;
                    samples++;
                }
            }
            for (double run : runs) {
                latencies.add(run);
            }
            Arrays.sort(runs);
            results.add(new ImageResult(image.name(), prediction.imageWidth(), prediction.imageHeight(),
                    n == 0 ? 0 : imageSum / n, imageMax, n == 0 ? 0 : (double) imageWithin / n, prediction.score(),
                    runs[runs.length / 2], null));
            errorSum += imageSum;
            errorMax = Math.max(errorMax, imageMax);
            within += imageWithin;
            keypoints += n;
            scoreSum += prediction.score();
            scored++;
            progress.update(results.size(), total);
        }
        if (keypoints == 0) {
            throw new IllegalArgumentException("No evaluation image could be read: "
                    + results.stream().map(r -> r.image() + ": " + r.error()).toList());
        }
        return new EvaluationReport(errorSum / keypoints, errorMax, (double) within / keypoints,
                CalibrationMetrics.expectedCalibrationError(probabilities, correct, samples),
                CalibrationMetrics.brierScore(probabilities, correct, samples), scoreSum / scored, median(latencies),
                estimator.model().calibration() != null, results);
    }

    /**
     * JPEG and PNG go the endpoint's way (bytes in); a BMP, which datasets may hold but endpoints refuse, is decoded
     * here and its pixels run through the same model.
     */
    private static PosePrediction predict(PoseEstimator estimator, byte[] encoded) throws ImageRejectedException {
        if (encoded.length >= 2 && encoded[0] == 'B' && encoded[1] == 'M') {
            return estimator.estimate(UprightImage.decode(encoded, MAX_IMAGE_PIXELS));
        }
        return estimator.estimate(encoded);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
