package com.poseops.monitoring.local;

import com.poseops.endpoints.InvocationObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every request the local front door routes (an {@link InvocationObserver}): {@link #observed} keeps a small
 * sample (no bodies) in a bounded queue and returns at once — when the queue is full the sample is dropped and
 * counted, never waited for. One thread adds the samples to the {@link MetricsRecorder}; the recorder's buckets are
 * written to DynamoDB every {@link #FLUSH_INTERVAL} and when the console stops.
 */
public class InvocationRecorder implements InvocationObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvocationRecorder.class);
    /** How stale the stored numbers may be: what the Monitoring page shows lags the traffic by at most this. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);

    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final MetricsRecorder recorder;
    private final BlockingQueue<InvocationSample> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final Thread consumer;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("metrics-flush").factory());
    private volatile boolean running = true;

    public InvocationRecorder(MetricsRecorder recorder, int queueCapacity) {
        this.recorder = recorder;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.consumer = Thread.ofPlatform().daemon().name("metrics-recorder").start(this::consume);
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void observed(RoutedInvocation invocation) {
        try {
            String variant = invocation.variantName();
            if (variant == null) {
                return; // nothing served it: no variant's metrics (SageMaker, too, has none without an endpoint)
            }
            InvocationSample sample = new InvocationSample(invocation.at(), variant, invocation.statusCode(),
                    invocation.modelLatencyMicros(), invocation.overheadLatencyMicros());
            if (!running || !queue.offer(sample)) {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet(); // an observer never throws into the front door
        }
    }

    /** Samples dropped because the queue was full, since the console started. */
    public long dropped() {
        return dropped.get();
    }

    /** Samples added to the metrics since the console started. */
    public long recorded() {
        return recorded.get();
    }

    /** Records what is queued and writes every changed bucket now (tests, shutdown). */
    public void flushNow() {
        drain();
        recorder.flush();
    }

    /**
     * Takes samples off the queue only inside {@link #drain()}, so that {@link #flushNow()} never misses one that is
     * between the queue and the recorder. The front door does not wake this thread (that would cost it a lock): it
     * looks every {@link #IDLE_WAIT_NANOS}.
     */
    private void consume() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (drain() == 0) {
                    LockSupport.parkNanos(IDLE_WAIT_NANOS);
                }
            } catch (RuntimeException e) {
                log.warn("A request could not be recorded: {}", e.toString());
            }
        }
    }

    private synchronized int drain() {
        List<InvocationSample> batch = new ArrayList<>();
        queue.drainTo(batch);
        for (InvocationSample sample : batch) {
            recorder.record(sample);
            recorded.incrementAndGet();
        }
        return batch.size();
    }

    private void flushQuietly() {
        try {
            recorder.flush();
        } catch (RuntimeException e) {
            log.warn("Metrics could not be written (kept for the next try): {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.interrupt();
        try {
            consumer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flusher.shutdownNow();
        try {
            flushNow();
        } catch (RuntimeException e) {
            log.warn("The last metrics could not be written at shutdown: {}", e.toString());
        }
    }
}
