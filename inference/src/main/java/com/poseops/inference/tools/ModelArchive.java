package com.poseops.inference.tools;

import com.poseops.inference.engine.ModelFile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Packs a model file as the {@code model.tar.gz} SageMaker unpacks into {@code /opt/ml/model}: one regular file,
 * {@value #ENTRY_NAME}, in a POSIX ustar archive, gzipped.
 * <p>
 * A hand-written writer instead of a library: one flat entry needs ~50 lines, and the project's class path has no
 * archive library (commons-compress is not managed by Spring Boot). The tests read the result with GNU tar. The one
 * tar writer of the project: {@code inference/fetch-model --pack} and the console's model registry both use it.
 */
public final class ModelArchive {

    /** The name the inference container finds the model under, in {@code /opt/ml/model}. */
    public static final String ENTRY_NAME = "model.tflite";

    private static final int BLOCK = 512;
    /** tar's traditional record size (20 blocks); GNU tar and Python pad archives to it, some readers expect it. */
    private static final int RECORD = 20 * BLOCK;
    /** The 11 octal digits of a ustar size field hold at most 8 GiB - 1. */
    private static final long MAX_SIZE = 077777777777L;

    private ModelArchive() {
    }

    /** Writes {@code archive} from {@code modelFile} and returns the SHA-256 (hex) of the model file's bytes. */
    public static String write(Path modelFile, Path archive) throws IOException {
        long size = Files.size(modelFile);
        if (size > MAX_SIZE) {
            throw new IOException(modelFile + " is " + size + " bytes; a model archive holds at most 8 GiB");
        }
        long modified = Files.getLastModifiedTime(modelFile).toMillis() / 1000;
        MessageDigest sha256 = ModelFile.newSha256();
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)), 64 * 1024);
                InputStream in = new DigestInputStream(Files.newInputStream(modelFile), sha256)) {
            out.write(header(ENTRY_NAME, size, Math.max(0, modified)));
            long copied = in.transferTo(out);
            if (copied != size) {
                throw new IOException(modelFile + " changed while it was being archived");
            }
            out.write(new byte[(int) (padded(size) - size)]);
            // End of archive: two zero blocks, then zeros up to a whole record.
            long entryEnd = BLOCK + padded(size);
            long archiveEnd = roundUp(entryEnd + 2 * BLOCK, RECORD);
            out.write(new byte[(int) (archiveEnd - entryEnd)]);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static byte[] header(String name, long size, long modifiedEpochSeconds) {
        byte[] header = new byte[BLOCK];
        put(header, 0, 100, name.getBytes(StandardCharsets.US_ASCII));
        octal(header, 100, 8, 0644);          // mode
        octal(header, 108, 8, 0);             // uid
        octal(header, 116, 8, 0);             // gid
        octal(header, 124, 12, size);
        octal(header, 136, 12, modifiedEpochSeconds);
        header[156] = '0';                    // regular file
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(header, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(header, 297, 32, "root".getBytes(StandardCharsets.US_ASCII));
        // The checksum is computed with its own field taken as eight spaces, then written as 6 octal digits, NUL, space.
        Arrays.fill(header, 148, 156, (byte) ' ');
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        byte[] digits = String.format("%06o", checksum).getBytes(StandardCharsets.US_ASCII);
        put(header, 148, 6, digits);
        header[154] = 0;
        header[155] = ' ';
        return header;
    }

    /** Numeric field: zero-padded octal digits filling the field but the last byte, which is NUL. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        put(header, offset, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
        header[offset + length - 1] = 0;
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        if (value.length > length) {
            throw new IllegalArgumentException("tar header field too long: " + value.length + " > " + length);
        }
        System.arraycopy(value, 0, header, offset, value.length);
    }

    private static long padded(long size) {
        return roundUp(size, BLOCK);
    }

    private static long roundUp(long value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
