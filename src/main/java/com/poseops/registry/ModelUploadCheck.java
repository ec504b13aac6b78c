package com.poseops.registry;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.ModelLoadException;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.engine.ModelFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks an uploaded model before it is registered: not empty, not huge, a TensorFlow Lite flatbuffer that passes
 * the flatbuffer verifier, one input {@code [1,S,S,3]} and output float32 {@code [1,1,17,3]}. The shape checks are
 * the inference engine's own (it loads the model exactly as an endpoint would), so that what passes here also serves.
 */
public final class ModelUploadCheck {

    /** The largest model accepted: MoveNet Thunder float32 is about 24 MB. */
    public static final long MAX_MODEL_BYTES = 64L * 1024 * 1024;

    /** What the check learnt about a valid model. */
    public record ModelSummary(int inputSize, String inputType, long sizeBytes, String sha256) {
    }

    private ModelUploadCheck() {
    }

    /**
     * @param displayName the name the person knows the file by (the upload's file name), used in messages instead of
     *                    the temporary path
     * @throws InvalidModelException with the reason
     */
    public static ModelSummary check(Path file, String displayName) {
        long size;
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InvalidModelException("Could not read the uploaded file " + displayName + ": " + e.getMessage());
        }
        if (size == 0) {
            throw new InvalidModelException(displayName + " is empty (0 bytes). Choose the .tflite file again.");
        }
        if (size > MAX_MODEL_BYTES) {
            throw new InvalidModelException(displayName + " is " + megabytes(size) + "; a MoveNet model is at most "
                    + megabytes(MAX_MODEL_BYTES) + ". Is it the right file?");
        }
        if (!ModelFile.hasTfLiteIdentifier(head, read)) {
            throw new InvalidModelException(displayName + " is not a TensorFlow Lite model (no TFL3 flatbuffer "
                    + "identifier). Upload a MoveNet SinglePose .tflite file.");
        }
        String where = file.toAbsolutePath().toString();
        try (MoveNetEngine engine = MoveNetEngine.load(file, EngineOptions.defaults().withWorkers(1))) {
            return new ModelSummary(engine.model().inputSize(), engine.model().inputType(), size,
                    engine.model().sha256());
        } catch (ModelLoadException e) {
            String reason = String.valueOf(e.getMessage()).replace(where, displayName)
                    .replace(ModelLoadException.DOWNLOAD_AGAIN, ""); // the person uploaded it; nothing to download
            if (e.kind() == ModelLoadException.Kind.TENSORS_DO_NOT_FIT) {
                // TensorFlow Lite re-derives every shape from the graph; a declared shape that does not fit ends here
                reason += " Its tensor shapes do not fit together; a MoveNet SinglePose model has input [1,S,S,3]"
                        + " and output [1,1,17,3].";
            }
            throw new InvalidModelException("Refused " + displayName + ": " + reason);
        } catch (RuntimeException e) {
            throw new InvalidModelException("Refused " + displayName + ": TensorFlow Lite could not load it ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
