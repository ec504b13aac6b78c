package com.poseops.platform.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Holds every DynamoDB request until the database is ready — in local mode, until DynamoDB Local answers and the
 * tables exist, which happens in the background while the console already serves its sign-in page. Requests of the
 * thread that prepares the database pass at once. Installed on the one {@code DynamoDbClient} as an interceptor, so
 * that no caller has to know.
 */
final class DatabaseReadiness implements ExecutionInterceptor {

    /** How long a request waits for a database that is still starting before it gives up with a message. */
    static final Duration WAIT = Duration.ofSeconds(120);

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final ThreadLocal<Boolean> preparing = ThreadLocal.withInitial(() -> false);

    /** A gate that is open from the start (aws mode: DynamoDB is there; a missing table stops the start instead). */
    static DatabaseReadiness alreadyOpen() {
        DatabaseReadiness readiness = new DatabaseReadiness();
        readiness.open();
        return readiness;
    }

    void open() {
        ready.complete(null);
    }

    void fail(Throwable cause) {
        ready.completeExceptionally(cause);
    }

    boolean isOpen() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /** Why the database could not be prepared, once that is known. */
    Optional<String> failure() {
        if (!ready.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            ready.join();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(reason(e));
        }
    }

    /** Runs {@code preparation} on this thread with the gate open for it alone (table creation). */
    void runPreparing(Runnable preparation) {
        preparing.set(true);
        try {
            preparation.run();
        } finally {
            preparing.remove();
        }
    }

    /** Waits until the database is ready, or fails as a request would. */
    void await() {
        beforeExecution(null, null);
    }

    @Override
    public void beforeExecution(Context.@Nullable BeforeExecution context,
            @Nullable ExecutionAttributes executionAttributes) {
        if (isOpen() || preparing.get()) {
            return;
        }
        try {
            ready.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw SdkClientException.create("The database did not start: " + reason(e), e.getCause());
        } catch (TimeoutException e) {
            throw SdkClientException.create("The database is still starting after " + WAIT.toSeconds()
                    + " s; try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("Interrupted while waiting for the database to start.");
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
