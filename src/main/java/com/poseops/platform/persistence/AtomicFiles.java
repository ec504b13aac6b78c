package com.poseops.platform.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files under the data directory that appear whole or not at all, even when the console dies while writing. A
 * leftover {@code .part} file (the console died mid-write) is deleted at the next start ({@link DataDirectory}).
 */
public final class AtomicFiles {

    /** The suffix of a file being written. */
    public static final String PART_SUFFIX = ".part";

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to a {@code .part} file beside {@code file}, then renames it into place. On failure the
     * {@code .part} file is removed; a full disk is reported as a {@link DiskFullException}.
     */
    public static void write(Path file, InputStream content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + PART_SUFFIX);
        try {
            Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // removed at the next start
            }
            if (DiskFullException.isDiskFull(e)) {
                DiskFullException full = DiskFullException.whileWriting(file);
                full.initCause(e);
                throw full;
            }
            throw e;
        }
    }
}
