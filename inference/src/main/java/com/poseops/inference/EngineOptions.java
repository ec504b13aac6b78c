package com.poseops.inference;

import com.poseops.inference.image.JpegDecoders;

/**
 * How a {@link MoveNetEngine} is set up. Start from {@link #defaults()} and change what you need:
 * {@code EngineOptions.defaults().withWorkers(1)}.
 *
 * @param workers                number of TensorFlow Lite interpreters; at most this many estimations run at once
 *                               (default: number of CPU cores)
 * @param threadsPerInterpreter  threads of each interpreter (default 1: parallelism comes from several interpreters)
 * @param maxImagePixels         images whose header declares more pixels are refused before decoding (default 40 MP)
 * @param preprocessing          letterbox (default) or stretch
 * @param reducedResolutionDecode decode large images at a reduced resolution that still leaves at least the model's
 *                               input size (TurboJPEG: DCT scaling by 1/2ⁿ; ImageIO: whole-number subsampling),
 *                               which is faster and bounds memory; default on
 * @param refinement             MoveNet's crop-region second pass (default {@link RefinementMode#AUTO}); only with
 *                               letterbox preprocessing
 * @param jpegDecoding           TurboJPEG where available (default) or ImageIO
 */
public record EngineOptions(
        int workers,
        int threadsPerInterpreter,
        long maxImagePixels,
        Preprocessing preprocessing,
        boolean reducedResolutionDecode,
        RefinementMode refinement,
        JpegDecoders.Setting jpegDecoding) {

    /** 40 megapixels. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 40_000_000L;

    public EngineOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (threadsPerInterpreter < 1) {
            throw new IllegalArgumentException("threadsPerInterpreter must be at least 1, got " + threadsPerInterpreter);
        }
        if (maxImagePixels < 1) {
            throw new IllegalArgumentException("maxImagePixels must be positive, got " + maxImagePixels);
        }
    }

    public static EngineOptions defaults() {
        return new EngineOptions(Runtime.getRuntime().availableProcessors(), 1, DEFAULT_MAX_IMAGE_PIXELS,
                Preprocessing.LETTERBOX, true, RefinementMode.AUTO, JpegDecoders.Setting.defaults());
    }

    public EngineOptions withWorkers(int newWorkers) {
        return new EngineOptions(newWorkers, threadsPerInterpreter, maxImagePixels, preprocessing,
                reducedResolutionDecode, refinement, jpegDecoding);
    }

    public EngineOptions withThreadsPerInterpreter(int threads) {
        return new EngineOptions(workers, threads, maxImagePixels, preprocessing, reducedResolutionDecode, refinement,
                jpegDecoding);
    }

    public EngineOptions withMaxImagePixels(long pixels) {
        return new EngineOptions(workers, threadsPerInterpreter, pixels, preprocessing, reducedResolutionDecode,
                refinement, jpegDecoding);
    }

    public EngineOptions withPreprocessing(Preprocessing mode) {
        return new EngineOptions(workers, threadsPerInterpreter, maxImagePixels, mode, reducedResolutionDecode,
                refinement, jpegDecoding);
    }

    public EngineOptions withReducedResolutionDecode(boolean enabled) {
        return new EngineOptions(workers, threadsPerInterpreter, maxImagePixels, preprocessing, enabled, refinement,
                jpegDecoding);
    }

    public EngineOptions withRefinement(RefinementMode mode) {
        return new EngineOptions(workers, threadsPerInterpreter, maxImagePixels, preprocessing,
                reducedResolutionDecode, mode, jpegDecoding);
    }

    public EngineOptions withJpegDecoding(JpegDecoders.Setting setting) {
        return new EngineOptions(workers, threadsPerInterpreter, maxImagePixels, preprocessing,
                reducedResolutionDecode, refinement, setting);
    }
}
