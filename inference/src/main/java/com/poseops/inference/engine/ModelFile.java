package com.poseops.inference.engine;

import com.poseops.inference.ModelLoadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks a model file in Java before it reaches native code, so that a missing, empty or wrong file gives a message
 * instead of a native crash, and computes its SHA-256.
 */
public final class ModelFile {

    private ModelFile() {
    }

    /**
     * Verifies that {@code path} looks like a TensorFlow Lite flatbuffer (identifier {@code TFL3} at byte 4).
     *
     * @throws ModelLoadException with a message that says what is wrong and how to fix it
     */
    public static void checkLooksLikeTfLite(Path path) throws ModelLoadException {
        if (!Files.exists(path)) {
            throw new ModelLoadException("Model file not found: " + path.toAbsolutePath()
                    + ". Set MODEL_PATH to an existing .tflite file (or run inference/fetch-model to download one).");
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException("Model path is not a file: " + path.toAbsolutePath()
                    + ". Set MODEL_PATH to a .tflite file, or MODEL_DIR to the directory that contains it.");
        }
        if (!Files.isReadable(path)) {
            throw new ModelLoadException("Model file is not readable by this user: " + path.toAbsolutePath()
                    + ". Check its permissions.");
        }
        byte[] head = new byte[8];
        int read;
        long size;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ModelLoadException("Could not read the model file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new ModelLoadException("Model file is empty (0 bytes): " + path.toAbsolutePath()
                    + ". An interrupted download?" + ModelLoadException.DOWNLOAD_AGAIN);
        }
        if (!hasTfLiteIdentifier(head, read)) {
            String hint;
            if (read >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                hint = " It is gzip-compressed (a model.tar.gz?): unpack it and point MODEL_PATH at the .tflite inside.";
            } else if (read >= 1 && (head[0] == '<' || head[0] == '{')) {
                hint = " It looks like an HTML/JSON page (a failed download?): download the model again.";
            } else {
                hint = " Is it a MoveNet .tflite file? Download one with inference/fetch-model.";
            }
            throw new ModelLoadException("Not a TensorFlow Lite model (no TFL3 identifier, " + size + " bytes): "
                    + path.toAbsolutePath() + "." + hint);
        }
    }

    /** True when the first {@code read} bytes of a file, in {@code head}, carry the flatbuffer identifier TFL3. */
    public static boolean hasTfLiteIdentifier(byte[] head, int read) {
        return read >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L' && head[7] == '3';
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A SHA-256 digest (always available on every JDK). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Model name shown to users: the file name without {@code .tflite}. */
    public static String displayName(Path path) {
        String file = path.getFileName().toString();
        return file.endsWith(".tflite") ? file.substring(0, file.length() - ".tflite".length()) : file;
    }
}
