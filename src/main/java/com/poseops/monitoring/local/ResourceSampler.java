package com.poseops.monitoring.local;

import com.poseops.endpoints.VariantProcesses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples CPU, memory and disk of each variant's processes ({@link VariantProcesses}) on a fixed interval and hands
 * the samples to the {@link MetricsRecorder}. CPU follows SageMaker's {@code CPUUtilization}: the processes' CPU time
 * over the wall time since the last look, 100 % per core, summed over the variant's processes (two busy cores are
 * 200 %). Memory is the processes' resident memory as a share of the machine's; disk how full the file system of
 * their working directory is.
 */
public class ResourceSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResourceSampler.class);

    private final VariantProcesses processes;
    private final MetricsRecorder recorder;
    private final Clock clock;
    private final Map<Long, CpuReading> lastCpu = new HashMap<>();
    private final Map<String, ResourceSample> latest = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("resource-sampler").factory());

    private record CpuReading(Duration used, long wallNanos) {
    }

    public ResourceSampler(VariantProcesses processes, MetricsRecorder recorder, Clock clock) {
        this.processes = processes;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** Samples every {@code interval} from now on. */
    public ResourceSampler start(Duration interval) {
        scheduler.scheduleAtFixedRate(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The last sample of each variant. */
    public Map<String, ResourceSample> latest() {
        return Map.copyOf(latest);
    }

    /** Takes one sample of every variant now and records it; returns the samples. */
    public synchronized List<ResourceSample> sample() {
        Instant at = clock.instant();
        long wallNow = System.nanoTime();
        OptionalLong memory = ProcessResources.totalMemoryBytes();
        Map<String, List<Long>> byVariant = processes.pidsByVariant();
        List<ResourceSample> samples = new java.util.ArrayList<>();
        java.util.Set<Long> alive = new java.util.HashSet<>();
        for (Map.Entry<String, List<Long>> variant : byVariant.entrySet()) {
            double cpu = 0;
            long resident = 0;
            double disk = 0;
            int measured = 0;
            for (long pid : variant.getValue()) {
                Optional<ProcessResources.CpuTime> cpuTime = ProcessResources.cpuTime(pid);
                if (cpuTime.isEmpty()) {
                    continue; // ended meanwhile
                }
                alive.add(pid);
                measured++;
                cpu += cpuPercent(pid, cpuTime.get(), wallNow, at);
                resident += ProcessResources.residentBytes(pid).orElse(0);
                disk = Math.max(disk, ProcessResources.diskUsedPercent(pid).orElse(0.0));
            }
            if (measured == 0) {
                continue;
            }
            double memoryPercent = memory.isPresent() && memory.getAsLong() > 0
                    ? 100.0 * resident / memory.getAsLong() : 0;
            ResourceSample sample = new ResourceSample(at, variant.getKey(), cpu, memoryPercent, disk);
            recorder.record(sample);
            latest.put(sample.variant(), sample);
            samples.add(sample);
        }
        lastCpu.keySet().retainAll(alive);
        latest.keySet().retainAll(byVariant.keySet());
        return samples;
    }

    private double cpuPercent(long pid, ProcessResources.CpuTime now, long wallNow, Instant at) {
        CpuReading before = lastCpu.put(pid, new CpuReading(now.used(), wallNow));
        Duration cpu;
        long wall;
        if (before == null) {
            // first look at this process: its average since it started
            cpu = now.used();
            wall = Math.max(1, Duration.between(now.started(), at).toNanos());
        } else {
            cpu = now.used().minus(before.used());
            wall = Math.max(1, wallNow - before.wallNanos());
        }
        return Math.max(0, 100.0 * cpu.toNanos() / wall);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.warn("Resource use of the local endpoint could not be sampled: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
