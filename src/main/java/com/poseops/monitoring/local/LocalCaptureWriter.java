package com.poseops.monitoring.local;

import com.poseops.endpoints.InvocationObserver;
import com.poseops.monitoring.CaptureFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * local mode's data capture (an {@link InvocationObserver}): a sample of the requests the front door routes
 * ({@code DataCapture.initialSamplingPercentage}, when {@code enableCapture}) and their responses, written in
 * SageMaker's JSON Lines format ({@link CaptureFormat}) under {@code <dataDir>/<S3Config.dataCapture>/<endpoint>/
 * <variant>/yyyy/MM/dd/HH/}. {@link #observed} only queues the request; a full queue (by bytes) drops and counts the
 * capture. Capture never slows down or fails a request.
 */
public class LocalCaptureWriter implements InvocationObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCaptureWriter.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("mm-ss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Path root;
    private final String endpointName;
    private final boolean enabled;
    private final double samplingPercentage;
    private final long maxQueuedBytes;
    private final DoubleSupplier random;
    private final LinkedBlockingQueue<RoutedInvocation> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final String writerId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<Path, BufferedWriter> open = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param root the capture folder, {@code <dataDir>/<S3Config.dataCapture>}
     */
    public LocalCaptureWriter(Path root, String endpointName, boolean enabled, int samplingPercentage,
            long maxQueuedBytes) {
        this(root, endpointName, enabled, samplingPercentage, maxQueuedBytes,
                () -> ThreadLocalRandom.current().nextDouble(100.0));
    }

    LocalCaptureWriter(Path root, String endpointName, boolean enabled, int samplingPercentage, long maxQueuedBytes,
            DoubleSupplier random) {
        this.root = root;
        this.endpointName = endpointName;
        this.enabled = enabled && samplingPercentage > 0;
        this.samplingPercentage = samplingPercentage;
        this.maxQueuedBytes = maxQueuedBytes;
        this.random = random;
        this.thread = Thread.ofPlatform().daemon().name("capture-writer").start(this::run);
    }

    @Override
    public void observed(RoutedInvocation invocation) {
        try {
            if (!enabled || invocation.variantName() == null || random.getAsDouble() >= samplingPercentage) {
                return;
            }
            long size = invocation.requestBody().length + invocation.responseBody().length;
            if (!running || queuedBytes.addAndGet(size) > maxQueuedBytes) {
                queuedBytes.addAndGet(-size);
                dropped.incrementAndGet();
                return;
            }
            queue.add(invocation);
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public long written() {
        return written.get();
    }

    public Path root() {
        return root;
    }

    /**
     * Writes what is queued now (tests, shutdown). Requests leave the queue only in here, so nothing is between the
     * queue and the files when it returns.
     */
    public synchronized int drain() {
        int count = 0;
        RoutedInvocation next;
        while ((next = queue.poll()) != null) {
            write(next);
            count++;
        }
        if (count > 0) {
            flushFiles();
        }
        return count;
    }

    /** The front door does not wake this thread (that would cost it a lock): it looks every 50 ms. */
    private void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            if (drain() == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private void write(RoutedInvocation invocation) {
        queuedBytes.addAndGet(-(invocation.requestBody().length + invocation.responseBody().length));
        String variant = invocation.variantName() == null ? "unknown" : invocation.variantName();
        Path folder = root.resolve(safe(endpointName)).resolve(safe(variant))
                .resolve(CaptureFormat.hourPath(invocation.at()));
        try {
            BufferedWriter writer = open.get(folder);
            if (writer == null) {
                closeFiles(); // a new hour (or variant): files of the old one are done
                Files.createDirectories(folder);
                Path file = folder.resolve(FILE_TIME.format(invocation.at()) + "-" + writerId + ".jsonl");
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                open.put(folder, writer);
            }
            writer.write(CaptureFormat.line(invocation.at(), invocation.requestContentType(),
                    invocation.requestBody(),
                    invocation.responseContentType() == null ? "application/octet-stream"
                            : invocation.responseContentType(), invocation.responseBody()));
            writer.write('\n');
            written.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            dropped.incrementAndGet();
            log.warn("A captured request could not be written under {}: {}", folder, e.toString());
        }
    }

    private void flushFiles() {
        for (BufferedWriter writer : open.values()) {
            try {
                writer.flush();
            } catch (IOException e) {
                log.warn("Captured requests could not be written: {}", e.toString());
            }
        }
    }

    private void closeFiles() {
        for (BufferedWriter writer : open.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                log.warn("A capture file could not be closed: {}", e.toString());
            }
        }
        open.clear();
    }

    /** A path element that stays one element (endpoint and variant names are SageMaker names, but still). */
    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            drain();
            closeFiles();
        }
    }
}
