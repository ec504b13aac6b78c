package com.poseops.platform.process;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log file of a child process, rotated by size. The child appends to {@code <name>.log} itself (so that its last
 * words survive even a console killed with SIGKILL); one watcher thread of the console looks at every child's log
 * every few seconds and, when one is over {@code maxBytes}, copies it to {@code <name>.log.1} (the older ones move up,
 * the oldest is dropped) and truncates it — the child keeps appending at the new end ("copytruncate", as logrotate
 * does for programs that cannot reopen their log). {@code files} files of about {@code maxBytes} each are kept.
 *
 * <p>One policy for every child, set once from config.yml {@code Operations.childLog*} at start ({@link #configure});
 * until then 10 MB × 3 files.
 */
public final class ChildLogs {

    private static final Logger log = LoggerFactory.getLogger(ChildLogs.class);
    static final long CHECK_SECONDS = 5;
    private static volatile Policy policy = new Policy(10L * 1024 * 1024, 3);
    private static final Map<Path, Process> watched = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("child-log-rotation").daemon().factory());

    static {
        watcher.scheduleWithFixedDelay(ChildLogs::rotateOversized, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** At most {@code files} files (the current one included) of about {@code maxBytes} each. */
    public record Policy(long maxBytes, int files) {
        public Policy {
            if (maxBytes < 1024 || files < 1) {
                throw new IllegalArgumentException("a child log needs at least 1 KB and 1 file");
            }
        }
    }

    private ChildLogs() {
    }

    public static void configure(Policy configured) {
        policy = configured;
    }

    public static Policy policy() {
        return policy;
    }

    /**
     * Starts the process with its standard output and error appended to {@code logFile}, rotated under the current
     * policy for as long as the process lives.
     */
    public static Process start(ProcessBuilder builder, Path logFile) throws IOException {
        Path file = logFile.toAbsolutePath();
        Files.createDirectories(file.getParent());
        rotateIfOversized(file, policy);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()));
        Process process = builder.start();
        watched.put(file, process);
        process.onExit().thenRun(() -> watched.remove(file, process));
        return process;
    }

    private static void rotateOversized() {
        Policy current = policy;
        for (Path file : watched.keySet()) {
            rotateIfOversized(file, current);
        }
    }

    static void rotateIfOversized(Path logFile, Policy policy) {
        try {
            if (Files.isRegularFile(logFile) && Files.size(logFile) > policy.maxBytes()) {
                rotate(logFile, policy.files());
            }
        } catch (IOException e) {
            log.warn("Could not rotate {}: {}", logFile, e.toString());
        }
    }

    /** {@code x.log.(n-2)} → {@code x.log.(n-1)}, …, a copy of {@code x.log} → {@code x.log.1}; then truncates it. */
    static void rotate(Path logFile, int files) throws IOException {
        if (files > 1) {
            Files.deleteIfExists(numbered(logFile, files - 1));
            for (int i = files - 2; i >= 1; i--) {
                Path from = numbered(logFile, i);
                if (Files.exists(from)) {
                    Files.move(from, numbered(logFile, i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(logFile, numbered(logFile, 1), StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }

    static Path numbered(Path logFile, int index) {
        return logFile.resolveSibling(logFile.getFileName() + "." + index);
    }
}
