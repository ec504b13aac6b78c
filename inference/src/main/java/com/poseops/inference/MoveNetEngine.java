package com.poseops.inference;

import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.engine.MoveNetInterpreter;
import com.poseops.inference.image.DecodedImage;
import com.poseops.inference.image.ImageDecoder;
import com.poseops.inference.image.ImageHeader;
import com.poseops.inference.image.JpegDecoders;
import com.poseops.inference.image.PixelSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * MoveNet SinglePose on TensorFlow Lite 2.21 (XNNPACK): JPEG/PNG bytes in, 17 keypoints in pixel coordinates out.
 *
 * <pre>{@code
 * try (MoveNetEngine engine = MoveNetEngine.load(Path.of("movenet_singlepose_lightning_int8_4.tflite"))) {
 *     PosePrediction pose = engine.estimate(Files.readAllBytes(Path.of("person.jpg")));
 *     Keypoint nose = pose.keypoint(BodyPart.NOSE);
 * }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> all methods are thread-safe. The engine owns {@link EngineOptions#workers()} interpreters;
 * up to that many {@code estimate} calls run in parallel and further callers wait for a free interpreter (put your
 * own bounded executor in front if you need to refuse work instead, as the HTTP server does). {@link #close()} waits
 * for running estimations, then frees the native memory; calls after that throw {@link IllegalStateException}.
 *
 * <p>Pipeline per call: header check (size limit, before any pixel is decoded) → decode (TurboJPEG with DCT scaling,
 * or ImageIO; reduced resolution when the image is much larger than the model input) → EXIF orientation +
 * letterbox/stretch + bilinear resize in one pass into the input tensor → {@code Invoke()} → undo letterbox and
 * subsampling → pixel coordinates of the image as displayed; then, with {@link RefinementMode refinement}, MoveNet's
 * crop region around the person found ({@link CropRegions}) → a second pass on that region (decoded again at a finer
 * scale if the first decode was too coarse for it) → its keypoints, mapped back the same way.
 */
public final class MoveNetEngine implements PoseEstimator {

    private final ModelInfo model;
    private final EngineOptions options;
    private final BlockingQueue<EngineWorker> idleWorkers;
    private final List<EngineWorker> allWorkers;
    private final DecoderPool decoders;
    private volatile boolean closed;

    private MoveNetEngine(ModelInfo model, EngineOptions options, List<EngineWorker> workers, JpegDecoders jpeg) {
        this.model = model;
        this.options = options;
        this.allWorkers = List.copyOf(workers);
        this.idleWorkers = new ArrayBlockingQueue<>(workers.size(), false, workers);
        this.decoders = new DecoderPool(jpeg);
    }

    /** Loads a model with {@link EngineOptions#defaults()} (one interpreter per CPU core, letterbox, 40 MP limit). */
    public static MoveNetEngine load(Path modelFile) throws ModelLoadException {
        return load(modelFile, EngineOptions.defaults());
    }

    /**
     * Loads a MoveNet SinglePose {@code .tflite} model (Lightning or Thunder; uint8, int32 or float32 input) and builds
     * {@code options.workers()} interpreters. Takes about a second; call {@link #warmUp()} before serving traffic.
     *
     * @throws ModelLoadException with a message for a person if the file is missing, empty, not TensorFlow Lite, or
     *                            not a SinglePose model (its output must be [1,1,17,3])
     * @throws IllegalStateException if TurboJPEG is required ({@link JpegDecoders.Choice#TURBOJPEG}) but unavailable
     */
    public static MoveNetEngine load(Path modelFile, EngineOptions options) throws ModelLoadException {
        JpegDecoders jpeg = JpegDecoders.resolve(options.jpegDecoding());
        List<EngineWorker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < options.workers(); i++) {
                workers.add(new EngineWorker(MoveNetInterpreter.load(modelFile, options.threadsPerInterpreter())));
            }
            MoveNetInterpreter first = workers.getFirst().interpreter;
            String sha256;
            try {
                sha256 = ModelFile.sha256(modelFile);
            } catch (IOException e) {
                throw new ModelLoadException("Could not read the model file " + modelFile.toAbsolutePath() + ": "
                        + e.getMessage(), e);
            }
            ModelInfo info = new ModelInfo(ModelFile.displayName(modelFile), first.inputSize(),
                    first.inputType().label(), sha256);
            return new MoveNetEngine(info, options, workers, jpeg);
        } catch (ModelLoadException | RuntimeException | Error e) {
            workers.forEach(EngineWorker::close);
            throw e;
        }
    }

    /**
     * {@link #load(Path, EngineOptions)} followed by {@link #warmUp()}: an engine ready to serve traffic. Closes the
     * engine again if the warm-up fails.
     */
    public static MoveNetEngine loadWarmedUp(Path modelFile, EngineOptions options) throws ModelLoadException {
        MoveNetEngine engine = load(modelFile, options);
        try {
            engine.warmUp();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    @Override
    public ModelInfo model() {
        return model;
    }

    /**
     * Runs every interpreter once on a synthetic image. The first {@code Invoke()} of an XNNPACK interpreter packs the
     * weights and is much slower than the next ones: do it before reporting ready.
     */
    public void warmUp() {
        ensureOpen();
        BufferedImage grey = new BufferedImage(model.inputSize() * 2, model.inputSize(), BufferedImage.TYPE_3BYTE_BGR);
        List<EngineWorker> taken = new ArrayList<>();
        try {
            for (int i = 0; i < allWorkers.size(); i++) {
                EngineWorker worker = borrow();
                taken.add(worker);
                runUnchecked(worker, DecodedImage.upright(PixelSource.of(grey)));
            }
        } finally {
            taken.forEach(idleWorkers::add);
        }
    }

    @Override
    public PosePrediction estimate(byte[] encodedImage) throws ImageRejectedException {
        return estimate(encodedImage, encodedImage.length, options.preprocessing());
    }

    @Override
    public PosePrediction estimate(byte[] buffer, int length) throws ImageRejectedException {
        return estimate(buffer, length, options.preprocessing());
    }

    /**
     * As {@link #estimate(byte[], int)} with another preprocessing than the engine's default. The image is decoded
     * before an interpreter is taken, so a slow decode never holds one.
     */
    public PosePrediction estimate(byte[] buffer, int length, Preprocessing preprocessing)
            throws ImageRejectedException {
        long start = System.nanoTime();
        if (length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer of " + buffer.length);
        }
        ensureOpen();
        ImageHeader header = ImageHeader.read(buffer, length, options.maxImagePixels());
        ImageDecoder decoder = decoders.take();
        try {
            int[] steps = firstPassSteps(header, preprocessing);
            DecodedImage decoded = decoder.decode(buffer, length, header, steps[0], steps[1]);
            long decodeNanos = System.nanoTime() - start;
            EngineWorker.Redecoder finer = maxStep -> decoder.decode(buffer, length, header, maxStep, maxStep);
            EngineWorker worker = borrow();
            try {
                return worker.run(decoded, preprocessing, refinementFor(preprocessing), finer, model, start,
                        decodeNanos);
            } finally {
                idleWorkers.add(worker);
            }
        } finally {
            decoders.give(decoder);
        }
    }

    @Override
    public PosePrediction estimate(BufferedImage image) {
        return estimate(image, options.preprocessing());
    }

    /** Runs the model on an already decoded image (no EXIF orientation), e.g. a BMP read with ImageIO. */
    public PosePrediction estimate(BufferedImage image, Preprocessing preprocessing) {
        long start = System.nanoTime();
        EngineWorker worker = borrow();
        long decodeStart = System.nanoTime();
        try {
            DecodedImage decoded = DecodedImage.upright(PixelSource.of(image));
            try {
                return worker.run(decoded, preprocessing, refinementFor(preprocessing), null, model, start,
                        System.nanoTime() - decodeStart);
            } catch (ImageRejectedException e) {
                throw new IllegalStateException("no decoding happens for a decoded image", e);
            }
        } finally {
            idleWorkers.add(worker);
        }
    }

    /** Which decoder JPEGs go to, for the start-up log: e.g. {@code TurboJPEG (libturbojpeg.so.0), DCT scaling}. */
    @Override
    public String jpegDecoder() {
        return decoders.description();
    }

    private RefinementMode refinementFor(Preprocessing preprocessing) {
        // The crop region is MoveNet's letterbox generalised; the stretched input (Coral's reference) has no crop.
        return preprocessing == Preprocessing.LETTERBOX ? options.refinement() : RefinementMode.OFF;
    }

    /**
     * The largest reduction per stored axis for the first pass: the decoded image must still cover the model input at
     * 1:1 or better (so the bilinear resize after it only shrinks). Letterbox needs the long side ≥ S (same step on
     * both axes, aspect kept); stretch needs each side ≥ S.
     */
    private int[] firstPassSteps(ImageHeader header, Preprocessing preprocessing) {
        if (!options.reducedResolutionDecode()) {
            return new int[] {1, 1};
        }
        int s = model.inputSize();
        if (preprocessing == Preprocessing.LETTERBOX) {
            int k = Math.max(1, Math.max(header.width(), header.height()) / s);
            return new int[] {k, k};
        }
        return new int[] {Math.max(1, header.width() / s), Math.max(1, header.height() / s)};
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the MoveNet engine is closed");
        }
    }

    private void runUnchecked(EngineWorker worker, DecodedImage image) {
        try {
            worker.run(image, options.preprocessing(), RefinementMode.OFF, null, model, System.nanoTime(), 0);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException("no decoding happens in the warm-up", e);
        }
    }

    private EngineWorker borrow() {
        if (closed) {
            throw new IllegalStateException("the MoveNet engine is closed");
        }
        try {
            return idleWorkers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a free interpreter");
        }
    }

    /** Waits for running estimations to finish, then frees the interpreters' native memory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        boolean interrupted = false;
        for (int released = 0; released < allWorkers.size(); ) {
            try {
                idleWorkers.take().close();
                released++;
            } catch (InterruptedException e) {
                interrupted = true; // finish releasing: freeing native memory under a running Invoke() would crash
            }
        }
        decoders.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
