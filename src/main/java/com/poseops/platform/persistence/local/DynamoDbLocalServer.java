package com.poseops.platform.persistence.local;

import com.poseops.platform.persistence.AtomicFiles;
import com.poseops.platform.process.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Runs DynamoDB Local as a child JVM on a free loopback port, with its data under {@code <dataDir>/dynamodb}.
 *
 * <p>Its jars travel inside the PoseOps jar as plain resources ({@code dynamodb-local/}) and are unpacked into the
 * data directory, because they must never share the console's class path (Jetty 12, log4j, an old AWS SDK). The
 * child starts through {@link DynamoDbLocalLauncher}, so it listens on the loopback interface only and ends by itself
 * when the console dies, even by SIGKILL; a pid file lets the next start clean up a server left behind all the same.
 */
public final class DynamoDbLocalServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbLocalServer.class);
    /** How a leftover server is recognised: started by this console's launcher, or by ServerRunner (before it). */
    private static final List<String> MAIN_CLASSES = List.of(DynamoDbLocalLauncher.class.getName(),
            "com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
    private static final String RESOURCE_DIR = "dynamodb-local";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

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

    /** Starts the server on a free loopback port; returns at once, {@link #awaitReady()} waits until it answers. */
    public static DynamoDbLocalServer start(Path dataDirectory) {
        return start(dataDirectory, freePort());
    }

    /** A free port on 127.0.0.1 for the server. */
    public static int freePort() {
        try {
            return ChildProcesses.freeLoopbackPort();
        } catch (IOException e) {
            throw new IllegalStateException("Could not find a free loopback port for DynamoDB Local: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts the server on {@code port} (chosen by the caller, so that a client can be built before the server is
     * up); returns at once, {@link #awaitReady()} waits until it answers.
     */
    public static DynamoDbLocalServer start(Path dataDirectory, int port) {
        try {
            Path databaseDirectory = Files.createDirectories(dataDirectory.resolve("dynamodb"));
            Path logFile = Files.createDirectories(dataDirectory.resolve("logs")).resolve("dynamodb-local.log");
            Path pidFile = databaseDirectory.resolve("dynamodb-local.pid");
            stopLeftover(pidFile);
            Path libraries = unpackLibraries(dataDirectory.resolve("runtime"));
            Path launcher = unpackLauncher(dataDirectory.resolve("runtime").resolve("launcher"));
            List<String> command = new ArrayList<>(List.of(
                    ChildProcesses.javaExecutable(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.library.path=" + libraries,
                    "-Dsqlite4java.library.path=" + libraries,
                    "-cp", launcher + File.pathSeparator + libraries + "/*",
                    DynamoDbLocalLauncher.class.getName(),
                    Long.toString(ProcessHandle.current().pid()),
                    "-port", Integer.toString(port),
                    "-dbPath", databaseDirectory.toString(),
                    "-sharedDb",
                    "-disableTelemetry",
                    "-cors", "http://127.0.0.1"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            log.info("Starting DynamoDB Local (pid {}) on 127.0.0.1:{} with data in {}", process.pid(), port,
                    databaseDirectory);
            return new DynamoDbLocalServer(logFile, port, process, pidFile);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start DynamoDB Local under " + dataDirectory
                    + ": " + e.getMessage() + ". Check that the data directory is writable.", e);
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

    /** Waits until the server answers HTTP; fails with the tail of its log if it dies or does not come up. */
    public void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        boolean answered;
        try {
            answered = ChildProcesses.awaitAnswer(process, START_TIMEOUT, () -> answers(http));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for DynamoDB Local", e);
        }
        if (answered) {
            return;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("DynamoDB Local exited at start (code " + process.exitValue()
                    + "). Its log: " + logFile);
        }
        close();
        throw new IllegalStateException("DynamoDB Local did not answer within " + START_TIMEOUT.toSeconds()
                + " s. Its log: " + logFile);
    }

    /** Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is listening. */
    private boolean answers(HttpClient http) {
        try {
            http.send(HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(2)).GET().build(),
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

    /**
     * Copies {@link DynamoDbLocalLauncher}'s class file (from the console's own class path, also inside the Boot jar)
     * into {@code directory}, so that the child can run it without the rest of the console on its class path.
     */
    private static Path unpackLauncher(Path directory) throws IOException {
        String resource = DynamoDbLocalLauncher.class.getName().replace('.', '/') + ".class";
        Path file = directory.resolve(resource);
        Files.createDirectories(file.getParent());
        try (InputStream in = DynamoDbLocalLauncher.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the class file " + resource + " is missing from the build; rebuild with "
                        + "./mvnw package");
            }
            AtomicFiles.write(file, in);
        }
        return directory;
    }

    /** Copies the jars from the class path into {@code runtimeDirectory} once per version of the set. */
    private static Path unpackLibraries(Path runtimeDirectory) throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + RESOURCE_DIR + "/*");
        if (resources.length == 0) {
            throw new IOException("the DynamoDB Local jars are missing from the build (expected classpath:"
                    + RESOURCE_DIR + "/); rebuild with ./mvnw package");
        }
        String version = List.of(resources).stream().map(Resource::getFilename)
                .filter(name -> name != null && name.startsWith("DynamoDBLocal-"))
                .findFirst().orElse("DynamoDBLocal-unknown.jar").replace(".jar", "");
        Path target = Files.createDirectories(runtimeDirectory.resolve(version));
        for (Resource resource : resources) {
            String name = resource.getFilename();
            if (name == null || name.isEmpty()) {
                continue;
            }
            Path file = target.resolve(name);
            if (Files.isRegularFile(file) && Files.size(file) == resource.contentLength()) {
                continue;
            }
            try (InputStream in = resource.getInputStream()) {
                AtomicFiles.write(file, in);
            }
        }
        return target;
    }
}
