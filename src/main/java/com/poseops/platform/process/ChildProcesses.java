package com.poseops.platform.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** What every child process of the console needs: a JVM to run on, a loopback port, and a stop that really stops. */
public final class ChildProcesses {

    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private ChildProcesses() {
    }

    /** The java binary the console itself runs on, so that children get the same JDK. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(command -> command.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A loopback port free at the moment of asking (the child binds it a moment later). */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Asks {@code answers} every 100 ms until it says yes (true), the process ends or the time is up (false; tell the
     * two apart with {@link Process#isAlive()}).
     */
    public static boolean awaitAnswer(Process process, Duration timeout, BooleanSupplier answers)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (answers.getAsBoolean()) {
                return true;
            }
            Thread.sleep(POLL_INTERVAL);
        }
        return false;
    }

    /**
     * SIGTERM, so that the child can finish what it is doing; SIGKILL after {@code grace}; returns once the process is
     * gone (or 5 s after SIGKILL). Stopping must finish even when the caller is being interrupted (a shutdown
     * interrupts a start in progress): an interrupted caller skips the grace period but still waits, and keeps its
     * interrupt flag.
     */
    public static void stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        process.destroy();
        if (interrupted || !awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, AFTER_KILL);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to the timeout for the process to end, through interrupts; the interrupt flag is kept. */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    return !process.isAlive();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
