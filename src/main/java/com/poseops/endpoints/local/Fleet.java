package com.poseops.endpoints.local;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of one variant (blue or green) serving one configuration: started together, gated on {@code /ping},
 * watched (a dead process, or three failed pings in a row, is started again with back-off), drained and stopped.
 */
final class Fleet {

    private static final Logger log = LoggerFactory.getLogger(Fleet.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** SageMaker gives a request 60 s; a drain waits that long at most before stopping the process anyway. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(65);
    private static final int FAILED_PINGS_BEFORE_RESTART = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** A fleet that did not come up; the message says why, from the process's own log. */
    static final class StartFailedException extends Exception {
        StartFailedException(String message) {
            super(message);
        }
    }

    private final String variantName;
    private final LocalConfig config;
    private final List<Backend> backends;
    private final ProcessLauncher launcher;
    private volatile boolean routable;
    private volatile boolean stopped;

    private Fleet(String variantName, LocalConfig config, List<Backend> backends, ProcessLauncher launcher) {
        this.variantName = variantName;
        this.config = config;
        this.backends = List.copyOf(backends);
        this.launcher = launcher;
    }

    /**
     * Starts {@code processes} inference servers for {@code config} (not yet ready, not yet routed).
     *
     * @throws IOException when a process cannot be started at all (the ones already started are stopped)
     */
    static Fleet launch(String variantName, LocalConfig config, int processes, ProcessLauncher launcher)
            throws IOException {
        List<Backend> started = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                String name = i == 0 ? variantName : variantName + "-" + (i + 1);
                InferenceProcess process = launcher.start(name, config.modelFile());
                log.info("Variant {} of {}: process {} (pid {}) starting at {} with {}", variantName, config.name(),
                        name, process.pid(), process.baseUri(), config.modelFile().getFileName());
                started.add(new Backend(name, variantName, config.name(), process));
            }
        } catch (IOException e) {
            started.forEach(backend -> backend.process().stop(STOP_GRACE));
            throw e;
        }
        return new Fleet(variantName, config, started, launcher);
    }

    String variantName() {
        return variantName;
    }

    LocalConfig config() {
        return config;
    }

    List<Backend> backends() {
        return backends;
    }

    /**
     * Waits until every process answers {@code /ping}.
     *
     * @param cancelled asked while waiting; true stops the wait (the caller then stops the fleet)
     * @throws StartFailedException with the last lines of the failing process's log
     */
    void awaitReady(BooleanSupplier cancelled) throws StartFailedException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Backend backend : backends) {
            InferenceProcess process = backend.process();
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new StartFailedException(describeFailure(process, "exited while starting"));
                }
                if (process.ping()) {
                    backend.ready(true);
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new StartFailedException(describeFailure(process, "did not answer /ping within "
                            + START_TIMEOUT.toSeconds() + " s"));
                }
                Thread.sleep(100);
            }
        }
    }

    private String describeFailure(InferenceProcess process, String what) {
        return "The inference process of " + config.model().label() + " (" + variantName + ") " + what + ": "
                + process.logTail() + " (full log: " + process.logFile() + ")";
    }

    /** Lets the front door send requests here (at the weight the router gives the fleet). */
    void open() {
        routable = true;
        backends.forEach(backend -> backend.accepting(!backend.restarting()));
    }

    /** How many processes take requests now. */
    int readyCount() {
        return (int) backends.stream().filter(backend -> backend.ready() && !backend.restarting()
                && backend.process().isAlive()).count();
    }

    /** Some process that served is down or being started again (the watchdog deals with it). */
    boolean degraded() {
        return backends.stream().anyMatch(backend -> backend.restarting()
                || backend.ready() && !backend.process().isAlive());
    }

    List<Long> pids() {
        return backends.stream().map(backend -> backend.process()).filter(InferenceProcess::isAlive)
                .map(InferenceProcess::pid).toList();
    }

    /** Stops taking requests, lets those in flight finish, then stops the processes (SIGTERM, then SIGKILL). */
    void drainAndStop() throws InterruptedException {
        routable = false;
        stopped = true;
        for (Backend backend : backends) {
            if (!backend.drain(DRAIN_TIMEOUT)) {
                log.warn("Process {} still had {} request(s) in flight after {} s; stopping it anyway",
                        backend.name(), backend.inFlight(), DRAIN_TIMEOUT.toSeconds());
            }
        }
        stopNow();
    }

    /** Stops every process at once (the console is stopping, or the fleet never served). */
    void stopNow() {
        routable = false;
        stopped = true;
        backends.forEach(backend -> backend.accepting(false));
        backends.forEach(backend -> backend.process().stop(STOP_GRACE));
    }

    /**
     * The watchdog's look, once a second: a dead process, or three failed pings in a row, is stopped and started again
     * on {@code restarter} — at once the first time, then with back-off (2, 4 … 30 s) while it keeps failing.
     *
     * @param changed told when a process goes down or comes back
     */
    void watch(Executor restarter, Runnable changed) {
        if (stopped) {
            return;
        }
        for (Backend backend : backends) {
            if (backend.restarting() || !backend.ready()) {
                continue; // being started (again): awaitReady or the restart judges it
            }
            InferenceProcess process = backend.process();
            boolean alive = process.isAlive();
            if (alive && process.ping()) {
                backend.failedPings = 0;
                continue;
            }
            if (alive && ++backend.failedPings < FAILED_PINGS_BEFORE_RESTART) {
                continue;
            }
            log.warn("Process {} of variant {} (pid {}) is down; starting it again", backend.name(), variantName,
                    process.pid());
            backend.accepting(false);
            backend.ready(false);
            backend.restarting(true);
            changed.run();
            restarter.execute(() -> restart(backend, changed));
        }
    }

    private void restart(Backend backend, Runnable changed) {
        try {
            backend.process().stop(STOP_GRACE);
            Duration backoff = backend.restarts == 0 ? Duration.ZERO
                    : Duration.ofSeconds(Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(backend.restarts, 5)));
            backend.restarts++;
            Thread.sleep(backoff);
            if (stopped) {
                return;
            }
            InferenceProcess next = launcher.start(backend.name(), config.modelFile());
            backend.replace(next);
            if (next.awaitReady(START_TIMEOUT) && !stopped) {
                backend.ready(true);
                backend.failedPings = 0;
                backend.restarts = 0;
                log.info("Process {} of variant {} is back (pid {})", backend.name(), variantName, next.pid());
            } else if (!stopped) {
                log.warn("Process {} of variant {} did not come back: {}", backend.name(), variantName,
                        next.logTail());
                next.stop(STOP_GRACE);
                backend.ready(true); // dead: the next look starts it again, with a longer back-off
            } else {
                next.stop(STOP_GRACE);
            }
        } catch (IOException e) {
            log.warn("Process {} of variant {} could not be started again: {}", backend.name(), variantName,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            backend.restarting(false);
            backend.accepting(routable && backend.process().isAlive());
            changed.run();
        }
    }
}
