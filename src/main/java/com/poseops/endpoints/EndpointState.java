package com.poseops.endpoints;

/** The life of an endpoint, with SageMaker's names where they exist. */
public enum EndpointState {
    /** No model to serve yet (none configured and none downloaded). */
    NO_MODEL,
    /** The model file is being downloaded. */
    DOWNLOADING_MODEL,
    /** Starting; not yet answering /ping. */
    CREATING,
    /** Serving requests. */
    IN_SERVICE,
    /** A new version is being rolled out; the old one still serves. */
    UPDATING,
    /** Died and is being started again; not serving meanwhile. */
    RESTARTING,
    /** Could not start; the message says why. */
    FAILED,
    /** Stopped with the console. */
    STOPPED;

    public boolean serving() {
        return this == IN_SERVICE || this == UPDATING;
    }
}
