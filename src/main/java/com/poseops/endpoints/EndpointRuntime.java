package com.poseops.endpoints;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/** The endpoint of this installation as the rest of the console sees it: its status, and where to send requests. */
public interface EndpointRuntime {

    EndpointStatus status();

    /** Called on every change of status, from a background thread. Returns a handle that removes the listener. */
    Subscription onStatusChange(Consumer<EndpointStatus> listener);

    /** Where a request goes now (local mode: the serving variant's base URL), or empty when nothing serves. */
    Optional<Route> route();

    record Route(String variant, URI baseUri) {
    }

    @FunctionalInterface
    interface Subscription {
        void cancel();
    }
}
