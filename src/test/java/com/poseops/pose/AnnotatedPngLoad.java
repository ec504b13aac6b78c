package com.poseops.pose;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The "5 sessions download the annotated PNG of a 40 MP upload at once" probe, as a program to run in a JVM of its
 * own with the heap the probe had ({@code -Xmx1g}): {@code AnnotatedPngLoad <image> <downloads> [--no-budget]}.
 * Renders with the console's own {@link PoseImages} under the console's {@link ImageWorkBudget} (or, with
 * {@code --no-budget}, unbounded, as before it existed), and prints one line of results:
 * {@code downloads=5 ok=5 busy=0 oom=0 wall_ms=… peak_heap_mb=… rss_peak_mb=… png_bytes=…}. Exit code 3 on an
 * OutOfMemoryError. {@code AnnotatedPngLoad --write-image <file>} writes the 40 MP test JPEG. Used by
 * {@code AnnotatedPngMemoryTest} and {@code bench/hardening-probe.sh}.
 */
public final class AnnotatedPngLoad {

    private AnnotatedPngLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--write-image")) {
            AnnotatedPngMemoryTest.write40MegapixelProgressiveJpeg(Path.of(args[1]));
            return;
        }
        byte[] image = Files.readAllBytes(Path.of(args[0]));
        int downloads = Integer.parseInt(args[1]);
        boolean budgeted = !(args.length > 2 && args[2].equals("--no-budget"));
        List<PoseResult.Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            keypoints.add(new PoseResult.Keypoint(PoseResult.KEYPOINT_NAMES.get(i), 400 + i * 300, 300 + i * 200, 0.9));
        }
        ImageWorkBudget budget = ImageWorkBudget.forConsole();
        long pixels = com.poseops.inference.image.ImageHeader.read(image, image.length, Long.MAX_VALUE).pixels();
        ExecutorService pool = Executors.newFixedThreadPool(downloads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < downloads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    byte[] png = budgeted
                            ? budget.run(pixels, () -> PoseImages.annotatedPng(image, 1, keypoints, 0.3))
                            : PoseImages.annotatedPng(image, 1, keypoints, 0.3);
                    return "ok " + png.length;
                } catch (BusyException e) {
                    return "busy";
                } catch (OutOfMemoryError e) {
                    return "oom";
                }
            }));
        }
        long started = System.nanoTime();
        start.countDown();
        int ok = 0;
        int busy = 0;
        int oom = 0;
        long pngBytes = 0;
        for (Future<String> result : results) {
            String outcome;
            try {
                outcome = result.get();
            } catch (java.util.concurrent.ExecutionException e) {
                outcome = e.getCause() instanceof OutOfMemoryError ? "oom" : "error " + e.getCause();
            }
            if (outcome.startsWith("ok ")) {
                ok++;
                pngBytes = Long.parseLong(outcome.substring(3));
            } else if (outcome.equals("busy")) {
                busy++;
            } else if (outcome.equals("oom")) {
                oom++;
            } else {
                System.err.println(outcome);
            }
        }
        long wall = Duration.ofNanos(System.nanoTime() - started).toMillis();
        pool.shutdownNow();
        System.out.println(String.format(Locale.ROOT, "downloads=%d ok=%d busy=%d oom=%d wall_ms=%d peak_heap_mb=%d "
                + "rss_peak_mb=%d png_bytes=%d budget=%s", downloads, ok, busy, oom, wall, peakHeapMegabytes(),
                rssPeakMegabytes(), pngBytes, budgeted));
        System.exit(oom > 0 ? 3 : 0);
    }

    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    /** VmHWM of /proc/self/status: the most resident memory the process had. */
    private static long rssPeakMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
