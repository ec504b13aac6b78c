package com.poseops.inference.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** N keep-alive socket clients sending the same image back to back: latency percentiles and throughput. */
final class LoadRun {

    record Result(double p50, double p99, double requestsPerSecond, int requests) {
    }

    private LoadRun() {
    }

    static Result run(int port, byte[] image, int clients, int seconds) throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        CountDownLatch finished = new CountDownLatch(clients);
        List<List<Double>> latencies = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            Thread.ofPlatform().start(() -> {
                try (RawHttpClient client = new RawHttpClient("127.0.0.1", port)) {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        RawHttpClient.Response r = client.post("/invocations", "image/jpeg", image);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (r.status() != 200) {
                            throw new IllegalStateException("HTTP " + r.status() + ": " + r.body());
                        }
                        if (measuring.get()) {
                            mine.add(ms);
                        }
                    }
                } catch (IOException e) {
                    failures.add(new UncheckedIOException(e));
                } catch (RuntimeException e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            });
        }
        Thread.sleep(1000); // ramp-up
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - t0;
        stop.set(true);
        finished.await(60, TimeUnit.SECONDS);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed", failures.getFirst());
        }
        double[] all = latencies.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        return new Result(percentile(all, 50), percentile(all, 99), all.length / (elapsed / 1e9), all.length);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
