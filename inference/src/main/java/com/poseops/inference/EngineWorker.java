package com.poseops.inference;

import com.poseops.inference.engine.MoveNetInterpreter;
import com.poseops.inference.image.CropRegion;
import com.poseops.inference.image.DecodedImage;
import com.poseops.inference.image.FrameMapping;
import com.poseops.inference.image.InputResampler;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One interpreter of a {@link MoveNetEngine} with its buffers, and the passes it runs: the whole frame, then — with
 * refinement — the crop region ({@link CropRegions}). Used by one thread at a time.
 */
final class EngineWorker {
    final MoveNetInterpreter interpreter;
    final InputResampler resampler;
    final float[] output = new float[BodyPart.COUNT * 3];

    EngineWorker(MoveNetInterpreter interpreter) {
        this.interpreter = interpreter;
        this.resampler = new InputResampler(interpreter.inputSize());
    }

    /** Decodes the same image again with at most {@code maxStep} reduction per axis. */
    @FunctionalInterface
    interface Redecoder {
        DecodedImage decode(int maxStep) throws ImageRejectedException;
    }

    PosePrediction run(DecodedImage image, Preprocessing preprocessing, RefinementMode refinement,
                       @Nullable Redecoder finer, ModelInfo model, long start, long decodeNanos)
            throws ImageRejectedException {
        long t0 = System.nanoTime();
        FrameMapping mapping = resampler.resample(image, preprocessing, interpreter.inputBuffer(),
                interpreter.inputType());
        long t1 = System.nanoTime();
        interpreter.run(output);
        long t2 = System.nanoTime();
        List<Keypoint> keypoints = PosePostprocessing.keypoints(output, mapping);
        Timings.Pass first = new Timings.Pass(ms(decodeNanos), ms(t1 - t0), ms(t2 - t1));
        long postNanos = System.nanoTime() - t2;

        int width = mapping.originalWidth();
        int height = mapping.originalHeight();
        CropRegion region = refinement == RefinementMode.OFF ? null
                : CropRegions.determine(keypoints, width, height);
        Timings.Pass second = null;
        Refinement outcome = Refinement.notRun(refinement);
        if (CropRegions.worthRefining(refinement, region, width, height)) {
            long r0 = System.nanoTime();
            DecodedImage source = finerIfNeeded(image, region, finer);
            long r1 = System.nanoTime();
            FrameMapping cropMapping = resampler.resampleRegion(source, region, interpreter.inputBuffer(),
                    interpreter.inputType());
            long r2 = System.nanoTime();
            interpreter.run(output);
            long r3 = System.nanoTime();
            keypoints = PosePostprocessing.keypoints(output, cropMapping);
            postNanos += System.nanoTime() - r3;
            second = new Timings.Pass(ms(r1 - r0), ms(r2 - r1), ms(r3 - r2));
            outcome = new Refinement(refinement, true, region);
        }
        long end = System.nanoTime();
        Timings timings = new Timings(first.decodeMs() + (second == null ? 0 : second.decodeMs()),
                first.preprocessMs() + (second == null ? 0 : second.preprocessMs()),
                first.inferenceMs() + (second == null ? 0 : second.inferenceMs()), ms(postNanos),
                ms(end - start), first, second);
        return new PosePrediction(model, width, height, keypoints, PosePostprocessing.meanScore(keypoints),
                timings, outcome);
    }

    /**
     * The first pass may have decoded at 1/2ⁿ because the whole frame only needs S pixels; the crop region needs S
     * pixels across a smaller part. Decode again, finer, when the region would otherwise be enlarged.
     */
    private DecodedImage finerIfNeeded(DecodedImage image, CropRegion region, @Nullable Redecoder finer)
            throws ImageRejectedException {
        int current = Math.max(image.subsampling().stepX(), image.subsampling().stepY());
        if (finer == null || current == 1) {
            return image;
        }
        int needed = Math.max(1, (int) (region.size() / interpreter.inputSize()));
        return needed < current ? finer.decode(needed) : image;
    }

    void close() {
        interpreter.close();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
