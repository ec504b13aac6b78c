package com.poseops.inference.tools;

import com.poseops.inference.ModelLoadException;
import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.engine.MoveNetInterpreter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * A model file that passed the engine's own checks (TFLite flatbuffer, builds an interpreter, MoveNet SinglePose
 * input and output), with its SHA-256. The sidecar {@code <file>.sha256} (sha256sum format) records it.
 */
public record VerifiedModel(Path file, String sha256, int inputSize, String inputType) {

    /** Suffix of the sidecar file next to a verified model. */
    public static final String SIDECAR_SUFFIX = ".sha256";

    /**
     * Loads the model the way the server does (one interpreter) and closes it again.
     *
     * @throws ModelLoadException with the engine's message when it is not a usable MoveNet SinglePose model
     */
    public static VerifiedModel verify(Path file) throws ModelLoadException {
        int inputSize;
        String inputType;
        try (MoveNetInterpreter interpreter = MoveNetInterpreter.load(file, 1)) {
            inputSize = interpreter.inputSize();
            inputType = interpreter.inputType().label();
        }
        try {
            return new VerifiedModel(file, ModelFile.sha256(file), inputSize, inputType);
        } catch (IOException e) {
            throw new ModelLoadException("Could not read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The same model facts for a copy of the file at {@code copy}. */
    public VerifiedModel withFile(Path copy) {
        return new VerifiedModel(copy, sha256, inputSize, inputType);
    }

    /** The sidecar path of a model file: {@code <file>.sha256}. */
    public static Path sidecar(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + SIDECAR_SUFFIX);
    }

    /** Writes {@code <sha256>  <file name>} to the sidecar (via a temporary file and an atomic move). */
    public void writeSidecar() throws IOException {
        Path sidecar = sidecar(file);
        Path part = sidecar.resolveSibling(sidecar.getFileName() + ".part");
        Files.writeString(part, sha256 + "  " + file.getFileName() + "\n");
        Files.move(part, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * True when {@code modelFile} and its sidecar exist and the file's SHA-256 is the recorded one (the sidecar is
     * written only after verification, so this means "verified and unchanged since").
     */
    public static boolean matchesSidecar(Path modelFile) {
        Path sidecar = sidecar(modelFile);
        if (!Files.isRegularFile(modelFile) || !Files.isRegularFile(sidecar)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(sidecar);
            if (lines.isEmpty()) {
                return false;
            }
            String recorded = lines.getFirst().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
            return recorded.equals(ModelFile.sha256(modelFile));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
