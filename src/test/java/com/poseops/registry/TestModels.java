package com.poseops.registry;

import com.poseops.inference.TestData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Model files for registry tests: the real Lightning int8 model and broken variants of it. */
final class TestModels {

    private TestModels() {
    }

    static Path lightning() {
        return TestData.lightningInt8Model();
    }

    /** The model with its first bytes cut off at {@code length}. */
    static Path truncated(Path dir, int length) throws IOException {
        byte[] bytes = Files.readAllBytes(lightning());
        return Files.write(dir.resolve("truncated.tflite"), Arrays.copyOf(bytes, length));
    }

    /** A sparse file larger than any MoveNet model. */
    static Path huge(Path dir) throws IOException {
        Path file = dir.resolve("huge.tflite");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(Files.readAllBytes(lightning()), 0, 64);
            raf.setLength(ModelUploadCheck.MAX_MODEL_BYTES + 1);
        }
        return file;
    }

    /**
     * The model with its tensors declared as [1,192,160,3] instead of [1,192,192,3]: a flatbuffer that passes the
     * verifier but whose shapes are not MoveNet's (every int32 vector {4: 1,192,192,3} in the file is patched;
     * TensorFlow Lite then cannot allocate its tensors).
     */
    static Path wrongInputShape(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(lightning());
        byte[] pattern = ints(4, 1, 192, 192, 3);
        int patched = 0;
        for (int i = 0; i + pattern.length <= bytes.length; i += 4) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                ByteBuffer.wrap(bytes, i + 12, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(160);
                patched++;
            }
        }
        if (patched == 0) {
            throw new AssertionError("the input shape [1,192,192,3] was not found in the model file");
        }
        return Files.write(dir.resolve("wrong-shape.tflite"), bytes);
    }

    private static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }
}
