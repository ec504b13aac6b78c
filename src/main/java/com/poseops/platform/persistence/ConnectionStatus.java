package com.poseops.platform.persistence;

import com.poseops.platform.persistence.local.DynamoDbLocalSupervisor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DatabaseStatus} of a {@link DynamoDbConnection}: STARTING until the database answers and its tables are
 * prepared (requests wait meanwhile), FAILED with the reason when that could not be done, and from then on the
 * supervisor's view of the DynamoDB Local child (restarting, failed) — or always available in aws mode.
 */
final class ConnectionStatus implements DatabaseStatus {

    private final DatabaseReadiness readiness;
    private final @Nullable DynamoDbLocalSupervisor supervisor;
    private final Snapshot starting;
    private final Snapshot awsAvailable;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile @Nullable Snapshot failed;

    ConnectionStatus(DatabaseReadiness readiness, @Nullable DynamoDbLocalSupervisor supervisor,
            String awsDescription) {
        this.readiness = readiness;
        this.supervisor = supervisor;
        Instant now = Instant.now();
        this.starting = new Snapshot(State.STARTING, STARTING_MESSAGE, now);
        this.awsAvailable = new Snapshot(State.AVAILABLE, "The database is " + awsDescription + ".", now);
    }

    @Override
    public Snapshot current() {
        Snapshot failure = failed;
        if (failure != null) {
            return failure;
        }
        if (!readiness.isOpen()) {
            return starting;
        }
        return supervisor == null ? awsAvailable : supervisor.current();
    }

    @Override
    public Subscription subscribe(Consumer<Snapshot> listener) {
        listeners.add(listener);
        if (supervisor == null) {
            return () -> listeners.remove(listener);
        }
        // The supervisor's changes count once the database is prepared (its first "running" comes before the tables).
        Subscription supervised = supervisor.subscribe(ignored -> listener.accept(current()));
        return () -> {
            listeners.remove(listener);
            supervised.cancel();
        };
    }

    /** Called once the database has been prepared, or could not be. */
    void readinessChanged() {
        readiness.failure().ifPresent(reason -> failed = new Snapshot(State.FAILED, reason, Instant.now()));
        Snapshot now = current();
        for (Consumer<Snapshot> listener : listeners) {
            listener.accept(now);
        }
    }
}
