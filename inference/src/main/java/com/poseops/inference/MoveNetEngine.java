package com.poseops.inference;

import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.engine.MoveNetInterpreter;
import com.poseops.inference.image.DecodedImage;
import com.poseops.inference.image.CropRegion;
import com.poseops.inference.image.FrameMapping;
import com.poseops.inference.image.ImageDecoder;
import com.poseops.inference.image.ImageHeader;
import com.poseops.inference.image.InputResampler;
import com.poseops.inference.image.JpegDecoders;
import com.poseops.inference.image.PixelSource;
import org.jspecify.annotations.Nullable;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;

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
    private final BlockingQueue<Worker> idleWorkers;
    private final List<Worker> allWorkers;
    private final DecoderPool decoders;
    private volatile boolean closed;

    private MoveNetEngine(ModelInfo model, EngineOptions options, List<Worker> workers, JpegDecoders jpeg) {
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
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < options.workers(); i++) {
                workers.add(new Worker(MoveNetInterpreter.load(modelFile, options.threadsPerInterpreter())));
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
            workers.forEach(Worker::close);
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
        List<Worker> taken = new ArrayList<>();
        try {
            for (int i = 0; i < allWorkers.size(); i++) {
                Worker worker = borrow();
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
            Redecoder finer = maxStep -> decoder.decode(buffer, length, header, maxStep, maxStep);
            Worker worker = borrow();
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
        Worker worker = borrow();
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

    private void runUnchecked(Worker worker, DecodedImage image) {
        try {
            worker.run(image, options.preprocessing(), RefinementMode.OFF, null, model, System.nanoTime(), 0);
        } catch (ImageRejectedException e) {
            throw new IllegalStateException("no decoding happens in the warm-up", e);
        }
    }

    private Worker borrow() {
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

    /** Decodes the same image again with at most {@code maxStep} reduction per axis. */
    @FunctionalInterface
    private interface Redecoder {
        DecodedImage decode(int maxStep) throws ImageRejectedException;
    }

    /**
     * Decoders (with their native TurboJPEG handles and ImageIO readers) for the calls running now; one per concurrent
     * call, reused. Decoding happens outside the interpreter pool, so this is not bounded by the workers.
     */
    private static final class DecoderPool {
        private final JpegDecoders jpeg;
        private final ConcurrentLinkedQueue<ImageDecoder> idle = new ConcurrentLinkedQueue<>();
        private volatile boolean closed;

        DecoderPool(JpegDecoders jpeg) {
            this.jpeg = jpeg;
        }

        ImageDecoder take() {
            ImageDecoder decoder = idle.poll();
            return decoder != null ? decoder : jpeg.newDecoder();
        }

        void give(ImageDecoder decoder) {
            idle.add(decoder);
            if (closed) {
                drain();
            }
        }

        String description() {
            return jpeg.description();
        }

        void close() {
            closed = true;
            drain();
        }

        private void drain() {
            for (ImageDecoder d; (d = idle.poll()) != null; ) {
                d.close();
            }
        }
    }

    /** One interpreter with its buffers; used by one thread at a time. */
    private static final class Worker {
        final MoveNetInterpreter interpreter;
        final InputResampler resampler;
        final float[] output = new float[BodyPart.COUNT * 3];

        Worker(MoveNetInterpreter interpreter) {
            this.interpreter = interpreter;
            this.resampler = new InputResampler(interpreter.inputSize());
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
}
