package com.poseops.monitoring.local;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Linux tells about a process (the JDK's {@link ProcessHandle} and {@code /proc}): its CPU time, its resident
 * memory, and how full the file system it works in is; plus the machine's memory. Unreadable values (a process that
 * just ended, another OS) are empty rather than invented.
 */
final class ProcessResources {

    private static final Path PROC = Path.of("/proc");

    private ProcessResources() {
    }

    /** CPU time the process has used so far (user + system), and when it started. */
    static Optional<CpuTime> cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> {
            ProcessHandle.Info info = handle.info();
            Optional<Duration> total = info.totalCpuDuration();
            Optional<Instant> started = info.startInstant();
            return total.isPresent() && started.isPresent() ? Optional.of(new CpuTime(total.get(), started.get()))
                    : Optional.empty();
        });
    }

    record CpuTime(Duration used, Instant started) {
    }

    /** Resident set size in bytes ({@code VmRSS} of {@code /proc/<pid>/status}). */
    static OptionalLong residentBytes(long pid) {
        return kilobytesField(PROC.resolve(Long.toString(pid)).resolve("status"), "VmRSS:");
    }

    /** The machine's memory in bytes ({@code MemTotal} of {@code /proc/meminfo}). */
    static OptionalLong totalMemoryBytes() {
        return kilobytesField(PROC.resolve("meminfo"), "MemTotal:");
    }

    /** How full the file system of the process's working directory is, in percent (what {@code df} shows as Use%). */
    static Optional<Double> diskUsedPercent(long pid) {
        try {
            Path cwd = PROC.resolve(Long.toString(pid)).resolve("cwd").toRealPath();
            FileStore store = Files.getFileStore(cwd);
            long total = store.getTotalSpace();
            if (total <= 0) {
                return Optional.empty();
            }
            return Optional.of(100.0 * (total - store.getUnallocatedSpace()) / total);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static OptionalLong kilobytesField(Path file, String field) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
