package com.poseops.platform.persistence.local;

import com.poseops.platform.persistence.DamagedDatabaseException;
import com.poseops.platform.persistence.DatabaseStartException;
import com.poseops.platform.process.ChildEnvironment;
import com.poseops.platform.process.ChildLogs;
import com.poseops.platform.process.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs DynamoDB Local as a child JVM on a free loopback port, with its data under {@code <dataDir>/dynamodb}.
 *
 * <p>Its jars travel inside the PoseOps jar as plain resources ({@code dynamodb-local/}) and are unpacked into the
 * data directory ({@link RuntimeLibraries}, verified by SHA-256), because they must never share the console's class
 * path (Jetty 12, log4j, an old AWS SDK). The child starts through {@link DynamoDbLocalLauncher}, so it listens on the
 * loopback interface only, refuses a damaged database file, and ends by itself when the console dies, even by
 * SIGKILL; a pid file lets the next start clean up a server left behind all the same. It gets only the environment a
 * JVM needs, and its output goes to {@code <dataDir>/logs/dynamodb-local.log}, rotated ({@link ChildLogs}).
 *
 * <p>{@link DynamoDbLocalSupervisor} watches a running server and starts a new one when it dies.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbLocalServer.class);
    /** How a leftover server is recognised: started by this console's launcher, or by ServerRunner (before it). */
    private static final List<String> MAIN_CLASSES = List.of(DynamoDbLocalLauncher.class.getName(),
            "com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    static final String RESTORE_ADVICE = "Restore the data directory from a backup (README: \"Backup and restore\"), "
            + "or move the file away to start with an empty database.";

    private final Path logFile;
    private final int port;
    private final Process process;
    private final Path pidFile;

    private DynamoDbLocalServer(Path logFile, int port, Process process, Path pidFile) {
        this.logFile = logFile;
        this.port = port;
        this.process = process;
        this.pidFile = pidFile;
    }

    /**
     * Starts the server; returns at once, {@link #awaitReady()} waits until it answers.
     *
     * @throws DatabaseStartException when the database file is damaged or the runtime cannot be prepared
     */
    public static DynamoDbLocalServer start(Path dataDirectory) {
        Path databaseDirectory = dataDirectory.resolve("dynamodb");
        Path databaseFile = databaseDirectory.resolve(DynamoDbLocalLauncher.DATABASE_FILE);
        try {
            Files.createDirectories(databaseDirectory);
            Path logFile = Files.createDirectories(dataDirectory.resolve("logs")).resolve("dynamodb-local.log");
            Path pidFile = databaseDirectory.resolve("dynamodb-local.pid");
            stopLeftover(pidFile);
            requireSqliteHeader(databaseFile);
            Path libraries = RuntimeLibraries.unpack(dataDirectory.resolve("runtime"));
            Path launcher = RuntimeLibraries.unpackLauncher(dataDirectory.resolve("runtime").resolve("launcher"));
            checkDatabase(databaseFile, launcher, libraries);
            int port = ChildProcesses.freeLoopbackPort();
            List<String> command = new ArrayList<>(jvm(launcher, libraries, "-Xmx256m"));
            command.addAll(List.of(
                    Long.toString(ProcessHandle.current().pid()),
                    "-port", Integer.toString(port),
                    "-dbPath", databaseDirectory.toString(),
                    "-sharedDb",
                    "-disableTelemetry",
                    "-cors", "http://127.0.0.1"));
            ProcessBuilder builder = new ProcessBuilder(command);
            ChildEnvironment.restrict(builder.environment());
            Process process = ChildLogs.start(builder, logFile);
            Files.writeString(pidFile, Long.toString(process.pid()));
            log.info("Starting DynamoDB Local (pid {}) on 127.0.0.1:{} with data in {}", process.pid(), port,
                    databaseDirectory);
            return new DynamoDbLocalServer(logFile, port, process, pidFile);
        } catch (IOException e) {
            throw new DatabaseStartException("Could not start DynamoDB Local under " + dataDirectory + ": "
                    + e.getMessage() + ".", "Check that the data directory is writable and has free space.", e);
        }
    }

    /**
     * The checks that take milliseconds, run before the console starts anything else (the rest of the start runs in
     * the background): a database file that is not SQLite at all stops the start with one line naming it.
     *
     * @throws DamagedDatabaseException naming the file
     */
    public static void checkBeforeStart(Path dataDirectory) {
        Path databaseFile = dataDirectory.resolve("dynamodb").resolve(DynamoDbLocalLauncher.DATABASE_FILE);
        try {
            requireSqliteHeader(databaseFile);
        } catch (IOException e) {
            throw new DatabaseStartException("Could not read " + databaseFile + ": " + e.getMessage() + ".",
                    "Check that the data directory is readable by the user running PoseOps.", e);
        }
    }

    /** The java command line that runs the launcher class with DynamoDB Local's jars and native library. */
    private static List<String> jvm(Path launcher, Path libraries, String heap) {
        return List.of(ChildProcesses.javaExecutable(), heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.library.path=" + libraries,
                "-Dsqlite4java.library.path=" + libraries,
                "-cp", launcher + File.pathSeparator + libraries + "/*",
                DynamoDbLocalLauncher.class.getName());
    }

    /**
     * SQLite's quick check of the database file, in a short-lived JVM of its own (loading SQLite into the server's
     * process as well crashes it), before the server opens the file.
     *
     * @throws DamagedDatabaseException naming the file when SQLite finds it damaged
     */
    private static void checkDatabase(Path databaseFile, Path launcher, Path libraries) throws IOException {
        if (!Files.isRegularFile(databaseFile) || Files.size(databaseFile) == 0) {
            return;
        }
        List<String> command = new ArrayList<>(jvm(launcher, libraries, "-Xmx64m"));
        command.addAll(List.of(DynamoDbLocalLauncher.CHECK, databaseFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        ChildEnvironment.restrict(builder.environment());
        Process check = builder.start();
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try (InputStream in = check.getInputStream()) {
                        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "";
                    }
                });
        try {
            if (!check.waitFor(CHECK_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                ChildProcesses.stop(check.toHandle(), Duration.ofSeconds(1));
                log.warn("The check of {} took more than {} s; starting DynamoDB Local without it", databaseFile,
                        CHECK_TIMEOUT.toSeconds());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ChildProcesses.stop(check.toHandle(), Duration.ofSeconds(1));
            throw new IOException("interrupted while checking " + databaseFile, e);
        }
        String printed = output.join();
        if (check.exitValue() == DynamoDbLocalLauncher.EXIT_CORRUPT) {
            String detail = printed.lines().filter(line -> line.startsWith(DynamoDbLocalLauncher.CORRUPT_MARKER))
                    .map(line -> line.substring(DynamoDbLocalLauncher.CORRUPT_MARKER.length()).strip())
                    .findFirst().orElse("SQLite's quick check failed");
            throw damaged(databaseFile, detail);
        }
        if (check.exitValue() != 0) {
            log.warn("Could not check {} (exit code {}: {}); starting DynamoDB Local anyway", databaseFile,
                    check.exitValue(), printed.strip());
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** "exited with code N" (or "was killed by signal N") once it has ended; for the log. */
    String exitDescription() {
        if (process.isAlive()) {
            return "is running";
        }
        int code = process.exitValue();
        return code > 128 ? "was killed (signal " + (code - 128) + ")" : "exited with code " + code;
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Waits until the server answers HTTP.
     *
     * @throws DatabaseStartException naming the damaged file, or the log, when it dies or does not come up
     */
    public void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        boolean answered;
        try {
            answered = ChildProcesses.awaitAnswer(process, START_TIMEOUT, () -> answers(http, Duration.ofSeconds(2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new DatabaseStartException("Interrupted while waiting for DynamoDB Local.", "Start again.", e);
        }
        if (answered) {
            return;
        }
        if (!process.isAlive()) {
            int code = process.exitValue();
            throw new DatabaseStartException("DynamoDB Local exited at start (code " + code + "); its log is "
                    + logFile + ".", "Read the end of that log. If it names the database file as damaged: "
                    + RESTORE_ADVICE);
        }
        close();
        throw new DatabaseStartException("DynamoDB Local did not answer within " + START_TIMEOUT.toSeconds()
                + " s; its log is " + logFile + ".", "Read the end of that log, then start PoseOps again.");
    }

    /** True when the server answers HTTP within {@code timeout} (DynamoDB Local says 400 to a bare GET). */
    boolean answers(HttpClient http, Duration timeout) {
        try {
            http.send(HttpRequest.newBuilder(endpoint()).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the poll's sleep then ends the wait
            return false;
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle(), STOP_GRACE);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            log.debug("Could not delete {}", pidFile, e);
        }
    }

    static DamagedDatabaseException damaged(Path databaseFile, String detail) {
        String reason = detail.startsWith(databaseFile + ": ") ? detail.substring(databaseFile.toString().length() + 2)
                : detail;
        return new DamagedDatabaseException(databaseFile, reason, RESTORE_ADVICE);
    }

    /**
     * A file that exists but does not start with SQLite's header is not a database (overwritten, truncated into
     * garbage, or not ours): stop before DynamoDB Local answers every request with "unknown error".
     */
    static void requireSqliteHeader(Path databaseFile) throws IOException {
        if (!Files.isRegularFile(databaseFile) || Files.size(databaseFile) == 0) {
            return;
        }
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(databaseFile)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
            throw damaged(databaseFile, "it does not start with SQLite's file header");
        }
    }

    private static void stopLeftover(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String content = Files.readString(pidFile).trim();
        Files.delete(pidFile);
        if (!content.matches("\\d{1,10}")) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(content));
        leftover.filter(handle -> handle.info().commandLine()
                        .map(line -> MAIN_CLASSES.stream().anyMatch(line::contains)).orElse(false))
                .ifPresent(handle -> {
                    log.warn("Stopping DynamoDB Local (pid {}) left behind by an earlier run", handle.pid());
                    ChildProcesses.stop(handle, STOP_GRACE);
                });
    }
}
