package com.poseops.testsupport;

import com.poseops.endpoints.EndpointRuntime;
import com.poseops.endpoints.EndpointState;
import com.poseops.endpoints.EndpointStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Waiting for a local endpoint (a real inference-server child process) to reach a state. */
public final class LocalEndpoints {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private LocalEndpoints() {
    }

    public static EndpointStatus awaitServing(EndpointRuntime runtime) {
        return await(runtime, "serving", EndpointStatus::serving, START_TIMEOUT);
    }

    public static EndpointStatus awaitState(EndpointRuntime runtime, EndpointState state, Duration timeout) {
        return await(runtime, state.name(), status -> status.state() == state, timeout);
    }

    public static EndpointStatus await(EndpointRuntime runtime, String what, Predicate<EndpointStatus> condition,
            Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        EndpointStatus status = runtime.status();
        while (Instant.now().isBefore(deadline)) {
            status = runtime.status();
            if (condition.test(status)) {
                return status;
            }
            if (status.state() == EndpointState.FAILED || status.state() == EndpointState.NO_MODEL) {
                if (!what.equals(status.state().name())) {
                    throw new AssertionError("The local endpoint will not become " + what + ": " + status);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("The local endpoint did not become " + what + " within " + timeout.toSeconds()
                + " s; last status: " + status);
    }
}
