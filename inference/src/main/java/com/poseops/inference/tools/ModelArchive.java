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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Packs a model file as the {@code model.tar.gz} SageMaker unpacks into {@code /opt/ml/model}: one regular file,
 * {@value #ENTRY_NAME}, in a POSIX ustar archive, gzipped.
 * <p>
 * A hand-written writer instead of a library: flat entries need ~50 lines, and the project's class path has no
 * archive library (commons-compress is not managed by Spring Boot). The tests read the result with GNU tar. The one
 * tar writer and reader of the project: {@code inference/fetch-model --pack}, the console's model registry and the
 * local training runner write with it; the registry and the trainer read SageMaker's {@code model.tar.gz} with
 * {@link #extract}.
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
        MessageDigest sha256 = ModelFile.newSha256();
        writeEntries(List.of(new Entry(ENTRY_NAME, modelFile)), archive, sha256);
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * Packs the regular files directly in {@code directory} (in name order) as flat entries, the way SageMaker packs
     * a training job's {@code /opt/ml/model}.
     */
    public static void writeDirectory(Path directory, Path archive) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.add(new Entry(file.getFileName().toString(), file));
            }
        }
        writeEntries(entries, archive, null);
    }

    private record Entry(String name, Path file) {
    }

    /** {@code digest}, when given, sees the bytes of the first entry. */
    private static void writeEntries(List<Entry> entries, Path archive, @Nullable MessageDigest digest)
            throws IOException {
        long offset = 0;
        try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)),
                64 * 1024)) {
            for (int i = 0; i < entries.size(); i++) {
                Entry entry = entries.get(i);
                long size = Files.size(entry.file());
                if (size > MAX_SIZE) {
                    throw new IOException(entry.file() + " is " + size + " bytes; a model archive holds at most 8 GiB");
                }
                long modified = Files.getLastModifiedTime(entry.file()).toMillis() / 1000;
                InputStream raw = Files.newInputStream(entry.file());
                try (InputStream in = i == 0 && digest != null ? new DigestInputStream(raw, digest) : raw) {
                    out.write(header(entry.name(), size, Math.max(0, modified)));
                    long copied = in.transferTo(out);
                    if (copied != size) {
                        throw new IOException(entry.file() + " changed while it was being archived");
                    }
                    out.write(new byte[(int) (padded(size) - size)]);
                }
                offset += BLOCK + padded(size);
            }
            // End of archive: two zero blocks, then zeros up to a whole record.
            long archiveEnd = roundUp(offset + 2 * BLOCK, RECORD);
            out.write(new byte[(int) (archiveEnd - offset)]);
        }
    }

    /**
     * Unpacks a gzipped tar (such as the {@code model.tar.gz} SageMaker writes from a training job's model folder)
     * into {@code directory}: regular files only, keeping their relative paths; links, devices and entries that would
     * land outside {@code directory} are refused. Reads ustar, GNU long names and pax headers.
     *
     * @param maxBytes the most the unpacked files may add up to
     * @return the files written
     * @throws IOException when the archive is not a gzipped tar, is truncated, or breaks the rules above
     */
    public static List<Path> extract(Path archive, Path directory, long maxBytes) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        Files.createDirectories(root);
        List<Path> written = new ArrayList<>();
        long total = 0;
        try (InputStream in = new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive),
                64 * 1024))) {
            String longName = null;
            while (true) {
                byte[] header = in.readNBytes(BLOCK);
                if (header.length < BLOCK) {
                    throw new IOException(archive + " ends inside a tar header (truncated)");
                }
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : headerName(header);
                longName = null;
                long size = parseOctal(header, 124, 12);
                char type = (char) header[156];
                long padding = padded(size) - size;
                switch (type) {
                    case 'L' -> longName = new String(readExactly(in, size, archive), StandardCharsets.UTF_8)
                            .replace("\0", "").trim();
                    case 'x' -> longName = paxPath(readExactly(in, size, archive));
                    case 'g', '5' -> skipExactly(in, size, archive);
                    case '0', '\0', '7' -> {
                        total += size;
                        if (total > maxBytes) {
                            throw new IOException(archive + " unpacks to more than " + maxBytes + " bytes");
                        }
                        Path target = root.resolve(name).normalize();
                        if (!target.startsWith(root) || target.equals(root) || name.startsWith("/")) {
                            throw new IOException(archive + " has an entry outside its folder: " + name);
                        }
                        Files.createDirectories(target.getParent());
                        try (OutputStream out = Files.newOutputStream(target)) {
                            copyExactly(in, out, size, archive);
                        }
                        written.add(target);
                    }
                    default -> throw new IOException(archive + " has an entry of a type that is not a plain file ("
                            + name + ", type '" + type + "')");
                }
                skipExactly(in, type == 'L' || type == 'x' ? padded(size) - size : padding, archive);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(archive + " is not a gzipped tar archive: " + e.getMessage(), e);
        }
        return written;
    }

    private static String headerName(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = new String(header, 257, 6, StandardCharsets.US_ASCII).startsWith("ustar")
                ? field(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** The {@code path} record of a pax extended header, or null. */
    private static @Nullable String paxPath(byte[] records) {
        String text = new String(records, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            int equals = line.indexOf('=');
            if (space > 0 && equals > space && line.substring(space + 1, equals).equals("path")) {
                return line.substring(equals + 1);
            }
        }
        return null;
    }

    private static long parseOctal(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            throw new IOException("tar entry larger than 8 GiB (base-256 size) is not supported");
        }
        String digits = field(header, offset, length).trim();
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar header (size field '" + digits + "')", e);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readExactly(InputStream in, long size, Path archive) throws IOException {
        if (size > 1024 * 1024) {
            throw new IOException(archive + " has an oversized tar header record");
        }
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length < size) {
            throw new IOException(archive + " is truncated");
        }
        return bytes;
    }

    private static void skipExactly(InputStream in, long count, Path archive) throws IOException {
        long skipped = in.skip(count);
        while (skipped < count) {
            if (in.read() < 0) {
                throw new IOException(archive + " is truncated");
            }
            skipped++;
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long size, Path archive) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(archive + " is truncated");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
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
