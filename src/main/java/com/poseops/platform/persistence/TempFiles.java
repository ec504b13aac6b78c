package com.poseops.platform.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary files under {@code <dataDir>/tmp} (not the system's temp directory, so that the console can clean them
 * up): an upload being received, a model waiting for its Register click. Each belongs to an owner (a browser
 * session); they are deleted when their owner is gone, and whatever is left is deleted at the next start.
 */
public final class TempFiles {

    private static final Logger log = LoggerFactory.getLogger(TempFiles.class);

    private final Path directory;
    private final Runnable spaceCheck;
    private final Map<String, Set<Path>> byOwner = new ConcurrentHashMap<>();

    /** @param spaceCheck throws when the disk is too full to receive anything */
    TempFiles(Path directory, Runnable spaceCheck) {
        this.directory = directory;
        this.spaceCheck = spaceCheck;
    }

    /** A new, empty file that belongs to {@code owner}. */
    public Path create(String owner, String suffix) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(UUID.randomUUID() + suffix);
        Files.createFile(file);
        byOwner.computeIfAbsent(owner, key -> ConcurrentHashMap.newKeySet()).add(file);
        return file;
    }

    /**
     * Streams {@code body} into a new file of {@code owner}, but never more than {@code maxBytes}: the limit holds
     * while reading, whatever size the sender declared (or did not, with chunked encoding). On a body that is too
     * long, a broken connection (a cancelled upload) or a full disk, the partial file is deleted before this throws.
     *
     * @throws TooLargeException when the body has more than {@code maxBytes}
     */
    public Path receive(String owner, InputStream body, long maxBytes, String suffix) throws IOException {
        try {
            spaceCheck.run();
        } catch (java.io.UncheckedIOException e) {
            body.close();
            throw e.getCause();
        }
        Path file = create(owner, suffix);
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            delete(owner, file);
            if (!(e instanceof TooLargeException) && DiskFullException.isDiskFull(e)) {
                DiskFullException full = DiskFullException.whileWriting(file);
                full.initCause(e);
                throw full;
            }
            throw e;
        }
    }

    /** A streamed body went past its limit; nothing of it was kept. */
    public static final class TooLargeException extends IOException {

        private final long limit;

        TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** Deletes one file (it need not exist any more). */
    public void delete(String owner, Path file) {
        Set<Path> files = byOwner.get(owner);
        if (files != null) {
            files.remove(file);
        }
        deleteQuietly(file);
    }

    /** Deletes every file of an owner that has gone (a session that ended). */
    public void release(String owner) {
        Set<Path> files = byOwner.remove(owner);
        if (files != null) {
            files.forEach(TempFiles::deleteQuietly);
        }
    }

    /** How many files are kept now (for tests and the System page). */
    public int count() {
        return byOwner.values().stream().mapToInt(Set::size).sum();
    }

    public Path directory() {
        return directory;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary file {}: {}", file, e.toString());
        }
    }
}
