package com.poseops.platform.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory as a whole: cleaned at start (leftover {@code .part} files of writes the console died in, and
 * {@code tmp/}, where uploads are received), watched for free space (one check every few seconds for the whole
 * console, changes pushed to listeners such as the page banner), and the place where temporary upload files live
 * ({@link TempFiles}).
 */
public final class DataDirectory implements AutoCloseable {

    /** Below the data directory: files being received (uploads), emptied at every start. */
    public static final String TEMP = "tmp";
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    private static final long CHECK_SECONDS = 5;

    /** Free space now, and whether it is below the minimum. */
    public record Space(long freeBytes, long minimumBytes) {

        public boolean low() {
            return freeBytes < minimumBytes;
        }

        /** For a page or a refusal: what is wrong and what to do (empty text when there is enough space). */
        public String message(Path directory) {
            return low() ? DiskFullException.belowMinimum(directory, freeBytes, minimumBytes).getMessage() : "";
        }
    }

    private final Path root;
    private final long minimumFreeBytes;
    private final TempFiles tempFiles;
    private final List<Consumer<Space>> listeners = new CopyOnWriteArrayList<>();
    private final @Nullable ScheduledExecutorService watcher;
    private volatile Space space;

    private DataDirectory(Path root, long minimumFreeBytes, boolean watch) {
        this.root = root;
        this.minimumFreeBytes = minimumFreeBytes;
        this.tempFiles = new TempFiles(root.resolve(TEMP), this::requireSpace);
        this.space = measure();
        if (watch) {
            watcher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("data-directory-space").daemon().factory());
            watcher.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        } else {
            watcher = null;
        }
    }

    /** Creates the directory if need be, removes what an earlier run left half-written, and starts watching it. */
    public static DataDirectory open(Path root, long minimumFreeBytes) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new DatabaseStartException("Cannot create the data directory " + root + " (" + e.getMessage()
                    + ").", "Make it writable, or point POSEOPS_DATA_DIR (PoseOps.dataDir) elsewhere.", e);
        }
        int removed = removeLeftovers(root);
        if (removed > 0) {
            log.info("Removed {} unfinished file(s) an earlier run left in {}", removed, root);
        }
        return new DataDirectory(root, minimumFreeBytes, true);
    }

    public Path root() {
        return root;
    }

    public TempFiles tempFiles() {
        return tempFiles;
    }

    public Space space() {
        return space;
    }

    /** Measures now (not the last check). */
    public Space measure() {
        long free;
        try {
            free = Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            free = root.toFile().getUsableSpace();
        }
        return new Space(free, minimumFreeBytes);
    }

    /**
     * Refuses a write that would run the disk below the minimum: checked before an upload or a registration is
     * stored, so that it is refused with a message instead of failing half-way.
     *
     * @throws UncheckedIOException with a {@link DiskFullException} cause when the space is below the minimum
     */
    public void requireSpace() {
        Space now = measure();
        if (now.low()) {
            throw new UncheckedIOException(DiskFullException.belowMinimum(root, now.freeBytes(), now.minimumBytes()));
        }
    }

    /** Called from a background thread whenever the free space crosses the minimum. */
    public DatabaseStatus.Subscription onSpaceChange(Consumer<Space> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void check() {
        Space previous = space;
        Space now = measure();
        space = now;
        if (now.low() != previous.low()) {
            if (now.low()) {
                log.warn("{}", now.message(root));
            } else {
                log.info("The data directory {} has enough free space again", root);
            }
            for (Consumer<Space> listener : listeners) {
                try {
                    listener.accept(now);
                } catch (RuntimeException e) {
                    log.debug("A disk space listener failed", e);
                }
            }
        }
    }

    /** Deletes every {@code *.part} file (outside the database's own directory) and everything under {@code tmp/}. */
    static int removeLeftovers(Path root) {
        AtomicInteger removed = new AtomicInteger();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.equals(root.resolve("dynamodb")) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (file.getFileName().toString().endsWith(AtomicFiles.PART_SUFFIX)
                            || file.startsWith(root.resolve(TEMP))) {
                        Files.deleteIfExists(file);
                        removed.incrementAndGet();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    log.debug("Cannot look at {}: {}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not clean up {}: {}", root, e.toString());
        }
        return removed.get();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
