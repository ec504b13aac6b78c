package com.poseops.registry;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.Keypoint;
import com.poseops.inference.ModelLoadException;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.PosePrediction;
import com.poseops.registry.EvaluationReport.ImageResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a candidate model on the evaluation set with the same inference engine the endpoints use, one interpreter on
 * one thread (the console shares its two cores with everything else; the latency is then per-core, comparable
 * between versions).
 */
public class ModelEvaluator {

    /** Each image is predicted this many times after a warm-up; the median of all runs is the p50 latency. */
    static final int RUNS_PER_IMAGE = 5;

    /** Progress: images done of total. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    /**
     * @throws ModelLoadException when the model cannot be loaded (the message says why)
     */
    public EvaluationReport evaluate(Path modelFile, EvaluationSet set, Progress progress) throws ModelLoadException {
        try (MoveNetEngine engine = MoveNetEngine.load(modelFile, EngineOptions.defaults().withWorkers(1))) {
            engine.warmUp();
            List<ImageResult> results = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            double errorSum = 0;
            double errorMax = 0;
            int within = 0;
            int keypoints = 0;
            double scoreSum = 0;
            int scored = 0;
            int total = set.images().size();
            progress.update(0, total);
            for (EvaluationSet.LabelledImage image : set.images()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("evaluation interrupted");
                }
                PosePrediction prediction;
                double[] runs = new double[RUNS_PER_IMAGE];
                try {
                    prediction = engine.estimate(image.encoded());
                    for (int r = 0; r < RUNS_PER_IMAGE; r++) {
                        long start = System.nanoTime();
                        engine.estimate(image.encoded());
                        runs[r] = (System.nanoTime() - start) / 1e6;
                    }
                } catch (ImageRejectedException e) {
                    results.add(new ImageResult(image.name(), 0, 0, 0, 0, 0, 0, 0, e.getMessage()));
                    progress.update(results.size(), total);
                    continue;
                }
                double diagonal = Math.hypot(prediction.imageWidth(), prediction.imageHeight());
                double imageSum = 0;
                double imageMax = 0;
                int imageWithin = 0;
                for (int k = 0; k < image.truthX().length; k++) {
                    Keypoint predicted = prediction.keypoints().get(k);
                    double error = Math.hypot(predicted.x() - image.truthX()[k], predicted.y() - image.truthY()[k]);
                    imageSum += error;
                    imageMax = Math.max(imageMax, error);
                    if (error <= 0.05 * diagonal) {
                        imageWithin++;
                    }
                }
                int n = image.truthX().length;
                for (double run : runs) {
                    latencies.add(run);
                }
                Arrays.sort(runs);
                results.add(new ImageResult(image.name(), prediction.imageWidth(), prediction.imageHeight(),
                        imageSum / n, imageMax, (double) imageWithin / n, prediction.score(), runs[runs.length / 2],
                        null));
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
            return new EvaluationReport(errorSum / keypoints, errorMax, (double) within / keypoints, scoreSum / scored,
                    median(latencies), results);
        }
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
