package com.poseops.platform.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files under the data directory that appear whole or not at all, even when the console dies while writing. */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code content} to a {@code .part} file beside {@code file}, then renames it into place. */
    public static void write(Path file, InputStream content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
