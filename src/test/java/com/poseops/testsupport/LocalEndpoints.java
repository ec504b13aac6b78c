package com.poseops.testsupport;

import com.poseops.endpoints.EndpointQueries;
import com.poseops.endpoints.EndpointSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Waiting for the console's endpoint (as its one poller sees it) to reach a state. */
public final class LocalEndpoints {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private LocalEndpoints() {
    }

    public static EndpointSnapshot awaitServing(EndpointQueries endpoint) {
        return await(endpoint, "InService", snapshot -> snapshot.description() != null
                && snapshot.description().status() == com.poseops.endpoints.EndpointDescription.Status.IN_SERVICE,
                START_TIMEOUT);
    }

    public static EndpointSnapshot await(EndpointQueries endpoint, String what, Predicate<EndpointSnapshot> condition,
            Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        EndpointSnapshot snapshot = endpoint.current();
        while (Instant.now().isBefore(deadline)) {
            snapshot = endpoint.current();
            if (condition.test(snapshot)) {
                return snapshot;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("The endpoint did not become " + what + " within " + timeout.toSeconds()
                + " s; last: " + snapshot);
    }
}
