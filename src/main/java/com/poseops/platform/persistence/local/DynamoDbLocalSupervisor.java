package com.poseops.platform.persistence.local;

import com.poseops.platform.persistence.DamagedDatabaseException;
import com.poseops.platform.persistence.DatabaseStartException;
import com.poseops.platform.persistence.DatabaseStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DynamoDB Local running, like the local endpoint's manager keeps its process: checks every second that the
 * child lives (and every few seconds that it answers), and starts a new one when it died or hangs — at once the first
 * time, then after 2, 4, 8 … at most 30 s. Meanwhile {@link #current()} says "the database is restarting", which the
 * pages and the sign-in show; a damaged database file ends the attempts with a message that names it.
 *
 * <p>Every start takes a fresh loopback port; the console's DynamoDB client asks {@link #endpoint()} for each request.
 */
public final class DynamoDbLocalSupervisor implements DatabaseStatus, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbLocalSupervisor.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** Check that it answers every this many watches; restart after this many unanswered checks in a row. */
    private static final int ANSWER_CHECK_EVERY = 5;
    private static final int UNANSWERED_BEFORE_RESTART = 3;
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final String RESTARTING = "The database is restarting; pages and sign-in work again in a few seconds.";

    private final Path dataDirectory;
    private final Function<Path, DynamoDbLocalServer> starter;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dynamodb-local-watch").daemon().factory());

    private volatile @Nullable DynamoDbLocalServer server;
    private volatile Snapshot status;
    private volatile boolean closed;
    private int watches;
    private int unanswered;
    private int failedStarts;

    DynamoDbLocalSupervisor(Path dataDirectory, Function<Path, DynamoDbLocalServer> starter, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.starter = starter;
        this.clock = clock;
        this.status = new Snapshot(State.STARTING, STARTING_MESSAGE, clock.instant());
    }

    /**
     * Starts DynamoDB Local, waits until it answers, then watches it.
     *
     * @throws DatabaseStartException when the first start fails (a damaged file, a process that dies at once)
     */
    public static DynamoDbLocalSupervisor start(Path dataDirectory) {
        DynamoDbLocalSupervisor supervisor = create(dataDirectory);
        try {
            supervisor.startFirst();
        } catch (RuntimeException e) {
            supervisor.close();
            throw e;
        }
        return supervisor;
    }

    /** A supervisor that has started nothing yet ("the database is starting"); {@link #startFirst()} starts it. */
    public static DynamoDbLocalSupervisor create(Path dataDirectory) {
        return new DynamoDbLocalSupervisor(dataDirectory, DynamoDbLocalServer::start, Clock.systemUTC());
    }

    /**
     * The first start (the console calls it on a background thread): waits until the server answers, then watches
     * it. A failure is final — said by {@link #current()} as FAILED with the reason and what to do — and thrown.
     *
     * @throws DatabaseStartException when the server cannot be started (a damaged file, a process that dies at once)
     */
    public void startFirst() {
        DynamoDbLocalServer started;
        try {
            started = startReady(starter, dataDirectory);
        } catch (DatabaseStartException e) {
            publish(new Snapshot(State.FAILED, e.getMessage() + " " + e.action(), clock.instant()));
            throw e;
        } catch (RuntimeException e) {
            publish(new Snapshot(State.FAILED, "DynamoDB Local did not start (" + e.getMessage() + "); its log is "
                    + dataDirectory.resolve("logs").resolve("dynamodb-local.log") + ".", clock.instant()));
            throw e;
        }
        server = started;
        if (closed) {
            started.close(); // the console stopped while it was starting
            return;
        }
        publish(new Snapshot(State.AVAILABLE, "The database is running.", clock.instant()));
        watcher.scheduleWithFixedDelay(this::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static DynamoDbLocalServer startReady(Function<Path, DynamoDbLocalServer> starter, Path dataDirectory) {
        DynamoDbLocalServer started = starter.apply(dataDirectory);
        try {
            started.awaitReady();
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Where the running server listens now (changes with each restart). */
    public URI endpoint() {
        return running().endpoint();
    }

    /** The pid of the running server, for health details and for the "kill it and watch it come back" test. */
    public long pid() {
        return running().pid();
    }

    private DynamoDbLocalServer running() {
        DynamoDbLocalServer running = server;
        if (running == null) {
            throw new IllegalStateException("DynamoDB Local has not started yet");
        }
        return running;
    }

    @Override
    public Snapshot current() {
        return status;
    }

    @Override
    public Subscription subscribe(Consumer<Snapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void watch() {
        if (closed || status.state() == State.FAILED) {
            return;
        }
        DynamoDbLocalServer running = running();
        boolean healthy = running.isAlive();
        if (healthy && ++watches % ANSWER_CHECK_EVERY == 0) {
            unanswered = running.answers(http, ANSWER_TIMEOUT) ? 0 : unanswered + 1;
            healthy = unanswered < UNANSWERED_BEFORE_RESTART;
        }
        if (healthy) {
            return;
        }
        log.warn("DynamoDB Local (pid {}) {}; starting it again (its log: {})", running.pid(),
                running.isAlive() ? "stopped answering" : running.exitDescription(), running.logFile());
        restart(running);
    }

    /** Runs on the watcher thread until a server answers again, the file is found damaged, or the console closes. */
    private void restart(DynamoDbLocalServer dead) {
        publish(new Snapshot(State.RESTARTING, RESTARTING, clock.instant()));
        dead.close();
        while (!closed) {
            Duration backoff = failedStarts == 0 ? Duration.ZERO
                    : Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failedStarts, 5)));
            if (!sleep(backoff)) {
                return;
            }
            try {
                DynamoDbLocalServer restarted = startReady(starter, dataDirectory);
                if (closed) {
                    restarted.close();
                    return;
                }
                server = restarted;
                failedStarts = 0;
                unanswered = 0;
                log.info("DynamoDB Local is running again (pid {}) at {}", restarted.pid(), restarted.endpoint());
                publish(new Snapshot(State.AVAILABLE, "The database is running.", clock.instant()));
                return;
            } catch (DamagedDatabaseException e) {
                log.error("{} {}", e.getMessage(), e.action());
                publish(new Snapshot(State.FAILED, e.getMessage() + " " + e.action(), clock.instant()));
                return;
            } catch (DatabaseStartException e) {
                failedStarts++;
                log.warn("DynamoDB Local did not start again ({}); next attempt in {} s", e.getMessage(),
                        Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(failedStarts, 5)));
                publish(new Snapshot(State.RESTARTING, RESTARTING, clock.instant()));
            } catch (RuntimeException e) {
                failedStarts++;
                log.warn("DynamoDB Local did not start again: {}", e.toString());
            }
        }
    }

    private void publish(Snapshot next) {
        status = next;
        for (Consumer<Snapshot> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.debug("A database status listener failed", e);
            }
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DynamoDbLocalServer running = server;
        if (running != null) {
            running.close();
        }
    }
}
