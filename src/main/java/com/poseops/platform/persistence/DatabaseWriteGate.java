package com.poseops.platform.persistence;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Lets a backup copy the database file while the console runs: every DynamoDB write of the console holds a shared
 * pass while it is in flight, and {@link #exclusively} waits for those to finish and keeps new ones waiting (at most a
 * minute, then they fail with a message) until the copy is done. Reads are never held up.
 */
public final class DatabaseWriteGate implements ExecutionInterceptor {

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems", "CreateTable", "UpdateTable", "DeleteTable", "UpdateTimeToLive");
    private static final ExecutionAttribute<Boolean> HOLDS_PASS = new ExecutionAttribute<>("poseops.writePass");
    private static final Duration WRITE_WAIT = Duration.ofMinutes(1);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!WRITES.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return;
        }
        try {
            if (!lock.readLock().tryLock(WRITE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw SdkClientException.create("The database is being backed up and this change waited "
                        + WRITE_WAIT.toSeconds() + " s; try again in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("Interrupted while waiting for a database backup to finish", e);
        }
        attributes.putAttribute(HOLDS_PASS, Boolean.TRUE);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    private void release(ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(HOLDS_PASS))) {
            attributes.putAttribute(HOLDS_PASS, Boolean.FALSE);
            lock.readLock().unlock();
        }
    }

    /** Runs {@code work} with no console write in flight and none starting until it returns. */
    public <T> T exclusively(Duration timeout, Callable<T> work) throws Exception {
        if (!lock.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Database writes did not pause within " + timeout.toSeconds()
                    + " s; try the backup again in a moment.");
        }
        try {
            return work.call();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
