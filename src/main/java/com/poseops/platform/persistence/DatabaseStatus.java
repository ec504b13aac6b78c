package com.poseops.platform.persistence;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Whether the database can be used right now, for the pages (a banner instead of silent failures) and the sign-in
 * (refused with a clear message instead of an error). In local mode it follows the DynamoDB Local child process as it
 * is watched and restarted; in aws mode the database is the account's and counts as available.
 */
public interface DatabaseStatus {

    /** What the pages say while the database starts (local mode, right after the console started). */
    String STARTING_MESSAGE = "The database is starting; pages wait for it for a few seconds.";

    enum State {
        AVAILABLE,
        /**
         * Local mode, right after the console started: DynamoDB Local and its tables come up in the background;
         * requests wait for it (sign-in too), so this is not a refusal.
         */
        STARTING,
        /** The child process died or stopped answering and is being started again. */
        RESTARTING,
        /** It could not be started again; the message says why and what to do. */
        FAILED
    }

    /**
     * @param message one sentence for a page, e.g. "The database is restarting; …"
     */
    record Snapshot(State state, String message, Instant since) {

        public boolean available() {
            return state == State.AVAILABLE;
        }

        /** Restarting or failed: work that needs the database is refused with the message (starting: it waits). */
        public boolean refusing() {
            return state == State.RESTARTING || state == State.FAILED;
        }
    }

    @FunctionalInterface
    interface Subscription {
        void cancel();
    }

    Snapshot current();

    /** Called from a background thread on every change. */
    Subscription subscribe(Consumer<Snapshot> listener);

    default boolean available() {
        return current().available();
    }
}
