package com.poseops.endpoints.local;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of a fleet (a process stands in for a SageMaker instance): its inference-server process, how many
 * requests the front door has in flight on it, and whether it takes new ones. The counter and the flag make draining
 * exact: a request either sees the backend closed and goes elsewhere, or is counted and waited for.
 */
final class Backend {

    private final String name;
    private final String variantName;
    private final String configName;
    private volatile InferenceProcess process;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean accepting;
    private volatile boolean restarting;
    /** Answered {@code /ping} once since its process started: only then may the watchdog judge it. */
    private volatile boolean ready;
    /** Watchdog bookkeeping, touched only by the watchdog thread. */
    int failedPings;
    int restarts;

    Backend(String name, String variantName, String configName, InferenceProcess process) {
        this.name = name;
        this.variantName = variantName;
        this.configName = configName;
        this.process = process;
    }

    /** The backend's name, also the name of its log file ({@code endpoint-<name>.log}): {@code green}, {@code green-2}. */
    String name() {
        return name;
    }

    /** The variant (blue/green) whose fleet this belongs to. */
    String variantName() {
        return variantName;
    }

    /** The endpoint configuration the fleet serves. */
    String configName() {
        return configName;
    }

    InferenceProcess process() {
        return process;
    }

    void replace(InferenceProcess next) {
        this.process = next;
    }

    boolean accepting() {
        return accepting;
    }

    void accepting(boolean value) {
        this.accepting = value;
    }

    boolean ready() {
        return ready;
    }

    void ready(boolean value) {
        this.ready = value;
    }

    boolean restarting() {
        return restarting;
    }

    void restarting(boolean value) {
        this.restarting = value;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** A claim on this backend for one request, or empty when it takes none (closed, draining or restarting). */
    Optional<Lease> tryLease() {
        if (!accepting) {
            return Optional.empty();
        }
        inFlight.incrementAndGet();
        if (!accepting) { // closed between the check and the count: the drain may already have seen zero
            inFlight.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Lease(this, process.baseUri()));
    }

    /** Stops taking requests and waits until those in flight are answered; false if the time ran out. */
    boolean drain(Duration timeout) throws InterruptedException {
        accepting = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** One request's hold on a backend; closing it ends the request's count. */
    record Lease(Backend backend, URI baseUri) implements AutoCloseable {
        @Override
        public void close() {
            backend.inFlight.decrementAndGet();
        }
    }
}
