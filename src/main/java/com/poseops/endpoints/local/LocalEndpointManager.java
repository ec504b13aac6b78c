package com.poseops.endpoints.local;

import com.poseops.endpoints.EndpointRuntime;
import com.poseops.endpoints.EndpointState;
import com.poseops.endpoints.EndpointStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local endpoint: obtains the model, starts the inference server as a child process on a free loopback port,
 * gates it on {@code /ping}, and starts it again when it dies. Variants are named like SageMaker's blue/green fleets
 * so that a later deploy can start "green" beside "blue" and switch the route when green answers.
 */
public final class LocalEndpointManager implements EndpointRuntime, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalEndpointManager.class);
    static final String FIRST_VARIANT = "blue";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final int FAILED_PINGS_BEFORE_RESTART = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String endpointName;
    private final LocalModelSource modelSource;
    private final InferenceLaunchCommand launch;
    private final Path logDirectory;
    private final int workers;
    private final Clock clock;
    private final List<Consumer<EndpointStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-endpoint").daemon().factory());

    private volatile EndpointStatus status;
    private volatile @Nullable InferenceProcess serving;
    /** A process between start and /ping 200, so that close() can stop it too (no orphan on shutdown). */
    private volatile @Nullable InferenceProcess starting;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private int failedPings;
    private int restarts;

    LocalEndpointManager(String endpointName, LocalModelSource modelSource, InferenceLaunchCommand launch,
            Path logDirectory, int workers, Clock clock) {
        this.endpointName = endpointName;
        this.modelSource = modelSource;
        this.launch = launch;
        this.logDirectory = logDirectory;
        this.workers = workers;
        this.clock = clock;
        this.status = status(EndpointState.CREATING, "Starting the local endpoint…", null, null, null);
    }

    /**
     * The local endpoint of the console: the configured model file, or else the official model downloaded once into
     * {@code <dataDir>/models}; logs under {@code <dataDir>/logs}.
     *
     * @param configuredModel {@code PoseOps.modelPath}, null when unset
     * @param download        fetches the official model when none is configured
     */
    public static LocalEndpointManager create(String endpointName, @Nullable Path configuredModel, Path dataDirectory,
            ModelDownload download) {
        int workers = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        return new LocalEndpointManager(endpointName,
                ModelSources.configuredOrDownloaded(configuredModel, dataDirectory.resolve("models"), download),
                InferenceLaunchCommand.forCurrentRuntime(), dataDirectory.resolve("logs"), workers, Clock.systemUTC());
    }

    /** Starts in the background: the console is usable at once and the page shows the endpoint coming up. */
    public void start() {
        if (started.compareAndSet(false, true) && !closed) {
            scheduler.execute(this::bringUp);
        }
    }

    @Override
    public EndpointStatus status() {
        return status;
    }

    @Override
    public Subscription onStatusChange(Consumer<EndpointStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Optional<Route> route() {
        InferenceProcess process = serving;
        return process != null && status.serving()
                ? Optional.of(new Route(process.variant(), process.baseUri()))
                : Optional.empty();
    }

    /** The pid of the serving process, for operators and for the "kill it and watch it come back" test. */
    public Optional<Long> servingPid() {
        InferenceProcess process = serving;
        return process == null ? Optional.empty() : Optional.of(process.pid());
    }

    private void bringUp() {
        Path model;
        try {
            model = modelSource.obtain(progress -> publish(status(EndpointState.DOWNLOADING_MODEL,
                    "Downloading the MoveNet model… " + Math.round(progress * 100) + " %", null, null, progress)));
        } catch (LocalModelSource.ModelUnavailableException e) {
            log.warn("No local endpoint: {}", e.getMessage());
            publish(status(EndpointState.NO_MODEL, e.getMessage(), null, null, null));
            return;
        }
        launch(model, EndpointState.CREATING);
        scheduler.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void launch(Path model, EndpointState startingState) {
        publish(status(startingState, startingState == EndpointState.RESTARTING
                ? "The local endpoint stopped; starting it again…" : "Starting the local endpoint…", null,
                model.getFileName().toString(), null));
        InferenceProcess process = null;
        try {
            process = InferenceProcess.start(FIRST_VARIANT, model, launch, logDirectory, workers);
            starting = process;
            if (closed) {
                process.stop(STOP_GRACE);
                return;
            }
            log.info("Local endpoint {} variant {} starting (pid {}) at {}", endpointName, FIRST_VARIANT,
                    process.pid(), process.baseUri());
            if (!process.awaitReady(START_TIMEOUT)) {
                String tail = process.logTail();
                process.stop(STOP_GRACE);
                fail("The local endpoint did not become ready: " + tail + " (full log: " + process.logFile() + ")",
                        model);
                return;
            }
        } catch (IOException e) {
            fail("The local endpoint could not be started: " + e.getMessage(), model);
            return;
        } catch (InterruptedException e) {
            // close() interrupts a start in progress: the half-started process must not outlive the console.
            if (process != null) {
                process.stop(STOP_GRACE);
            }
            Thread.currentThread().interrupt();
            return;
        } finally {
            starting = null;
        }
        if (closed) {
            process.stop(STOP_GRACE);
            return;
        }
        serving = process;
        failedPings = 0;
        restarts = 0;
        log.info("Local endpoint {} variant {} serving {} (pid {})", endpointName, process.variant(),
                model.getFileName(), process.pid());
        publish(status(EndpointState.IN_SERVICE, "Serving " + model.getFileName() + " on " + process.baseUri(),
                process.variant(), model.getFileName().toString(), null));
    }

    private void fail(String message, Path model) {
        log.warn("{}", message);
        publish(status(EndpointState.FAILED, message, null, model.getFileName().toString(), null));
    }

    /** Runs every second: a dead process, or three failed pings in a row, means start it again (with back-off). */
    private void watch() {
        if (closed) {
            return;
        }
        InferenceProcess process = serving;
        if (process == null) {
            return;
        }
        boolean healthy = process.isAlive() && process.ping();
        if (healthy) {
            failedPings = 0;
            return;
        }
        if (process.isAlive() && ++failedPings < FAILED_PINGS_BEFORE_RESTART) {
            return;
        }
        log.warn("Local endpoint variant {} (pid {}) is down; restarting", process.variant(), process.pid());
        serving = null;
        process.stop(STOP_GRACE);
        Duration backoff = Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(restarts, 5)));
        restarts++;
        publish(status(EndpointState.RESTARTING, "The local endpoint stopped; starting it again in "
                + backoff.toSeconds() + " s…", null, process.model().getFileName().toString(), null));
        sleep(restarts == 1 ? Duration.ZERO : backoff);
        if (!closed) {
            launch(process.model(), EndpointState.RESTARTING);
        }
    }

    private EndpointStatus status(EndpointState state, String message, @Nullable String variant,
            @Nullable String model, @Nullable Double progress) {
        return new EndpointStatus(endpointName, state, message, variant, model, clock.instant(), progress);
    }

    private void publish(EndpointStatus next) {
        status = next;
        for (Consumer<EndpointStatus> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.debug("An endpoint status listener failed", e);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        InferenceProcess process = serving;
        serving = null;
        if (process != null) {
            process.stop(STOP_GRACE);
        }
        InferenceProcess half = starting;
        if (half != null) {
            half.stop(STOP_GRACE);
        }
        try {
            scheduler.awaitTermination(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publish(status(EndpointState.STOPPED, "Stopped with the console.", null, null, null));
    }
}
