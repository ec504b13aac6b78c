package com.poseops.inference;

import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.engine.MoveNetInterpreter;
import com.poseops.inference.image.DecodedImage;
import com.poseops.inference.image.FrameMapping;
import com.poseops.inference.image.ImageDecoder;
import com.poseops.inference.image.ImageHeader;
import com.poseops.inference.image.InputResampler;
import com.poseops.inference.image.PixelSource;
import com.poseops.inference.image.Subsampling;

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
 * <p>Pipeline per call: header check (size limit, before any pixel is decoded) → decode (reduced resolution when the
 * image is much larger than the model input) → EXIF orientation + letterbox/stretch + bilinear resize in one pass
 * into the input tensor → {@code Invoke()} → undo letterbox and subsampling → pixel coordinates of the image as
 * displayed.
 */
public final class MoveNetEngine implements PoseEstimator {

    private final ModelInfo model;
    private final EngineOptions options;
    private final BlockingQueue<Worker> idleWorkers;
    private final List<Worker> allWorkers;
    private volatile boolean closed;

    private MoveNetEngine(ModelInfo model, EngineOptions options, List<Worker> workers) {
        this.model = model;
        this.options = options;
        this.allWorkers = List.copyOf(workers);
        this.idleWorkers = new ArrayBlockingQueue<>(workers.size(), false, workers);
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
     */
    public static MoveNetEngine load(Path modelFile, EngineOptions options) throws ModelLoadException {
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
            return new MoveNetEngine(info, options, workers);
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
        BufferedImage grey = new BufferedImage(model.inputSize() * 2, model.inputSize(), BufferedImage.TYPE_3BYTE_BGR);
        List<Worker> taken = new ArrayList<>();
        try {
            for (int i = 0; i < allWorkers.size(); i++) {
                Worker worker = borrow();
                taken.add(worker);
                worker.run(DecodedImage.upright(PixelSource.of(grey)), options.preprocessing(), model, System.nanoTime(),
                        0);
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

    /** As {@link #estimate(byte[], int)} with another preprocessing than the engine's default. */
    public PosePrediction estimate(byte[] buffer, int length, Preprocessing preprocessing)
            throws ImageRejectedException {
        long start = System.nanoTime();
        if (length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer of " + buffer.length);
        }
        Worker worker = borrow();
        long decodeStart = System.nanoTime();
        try {
            ImageHeader header = ImageHeader.read(buffer, length, options.maxImagePixels());
            DecodedImage decoded = worker.decoder.decode(buffer, length, header, subsampling(header, preprocessing));
            long decodeNanos = System.nanoTime() - decodeStart;
            return worker.run(decoded, preprocessing, model, start, decodeNanos);
        } finally {
            idleWorkers.add(worker);
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
            return worker.run(decoded, preprocessing, model, start, System.nanoTime() - decodeStart);
        } finally {
            idleWorkers.add(worker);
        }
    }

    /**
     * Decode at a reduced resolution when the image is at least twice the model input: keep every k-th pixel with k
     * as large as possible while the decoded image still covers the model input at 1:1 or better (so the bilinear
     * resize after it still only shrinks). Letterbox needs the long side ≥ S (same k on both axes, aspect kept);
     * stretch needs each side ≥ S.
     */
    private Subsampling subsampling(ImageHeader header, Preprocessing preprocessing) {
        if (!options.reducedResolutionDecode()) {
            return Subsampling.NONE;
        }
        int s = model.inputSize();
        if (preprocessing == Preprocessing.LETTERBOX) {
            int k = Math.max(1, Math.max(header.width(), header.height()) / s);
            return Subsampling.aligned(k, k, header);
        }
        return Subsampling.aligned(Math.max(1, header.width() / s), Math.max(1, header.height() / s), header);
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
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One interpreter with its own decoder and buffers; used by one thread at a time. */
    private static final class Worker {
        final MoveNetInterpreter interpreter;
        final ImageDecoder decoder = new ImageDecoder();
        final InputResampler resampler;
        final float[] output = new float[BodyPart.COUNT * 3];

        Worker(MoveNetInterpreter interpreter) {
            this.interpreter = interpreter;
            this.resampler = new InputResampler(interpreter.inputSize());
        }

        PosePrediction run(DecodedImage image, Preprocessing preprocessing, ModelInfo model, long start,
                           long decodeNanos) {
            long t0 = System.nanoTime();
            FrameMapping mapping = resampler.resample(image, preprocessing, interpreter.inputBuffer(),
                    interpreter.inputType());
            long t1 = System.nanoTime();
            interpreter.run(output);
            long t2 = System.nanoTime();
            List<Keypoint> keypoints = new ArrayList<>(BodyPart.COUNT);
            double scoreSum = 0;
            for (int k = 0; k < BodyPart.COUNT; k++) {
                double y = output[k * 3];
                double x = output[k * 3 + 1];
                double score = output[k * 3 + 2];
                scoreSum += score;
                keypoints.add(new Keypoint(BodyPart.ofIndex(k), mapping.originalX(x), mapping.originalY(y), score));
            }
            long t3 = System.nanoTime();
            Timings timings = new Timings(ms(decodeNanos), ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t3 - start));
            return new PosePrediction(model, mapping.originalWidth(), mapping.originalHeight(), keypoints,
                    scoreSum / BodyPart.COUNT, timings);
        }

        void close() {
            interpreter.close();
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
