package com.poseops.inference.bench;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.RefinementMode;
import com.poseops.inference.engine.MoveNetInterpreter;
import com.poseops.inference.image.ImageDecoder;
import com.poseops.inference.image.ImageHeader;
import com.poseops.inference.image.JpegDecoders;
import com.poseops.inference.server.InferenceServer;
import com.poseops.inference.server.ServerConfig;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code inference/benchmark}: everything of docs/PERFORMANCE.md "Inference server" in one run, one command —
 * JPEG decoding, server overhead and socket ratio, crop-region refinement on the labelled set, the 40 MP heavy image,
 * throughput, and with {@code --peer} the Python/TensorFlow Lite peer side by side. The server runs in this JVM on
 * 127.0.0.1 with its defaults (one interpreter per core, TurboJPEG, refinement auto; its environment variables apply)
 * and is called over real sockets by
 * {@link RawHttpClient} (keep-alive, one write per request, like a load balancer).
 *
 * <pre>
 * inference/benchmark [--peer] [--model FILE.tflite] [--iterations 300] [--seconds 10]
 * </pre>
 */
public final class Benchmark {

    private static final Pattern TIMING =
            Pattern.compile("\"(decode|preprocess|inference|postprocess|total)\":([0-9.]+)");
    private static final String[] STAGES = {"decode", "preprocess", "inference", "postprocess", "total"};

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("poseops.shared.dir", "../shared"));
        Path model = shared.resolve("models/movenet_singlepose_lightning_int8_4.tflite");
        Path peerScript = Path.of(System.getProperty("poseops.peer.script", "inference/bench/peer_server.py"));
        int iterations = 300;
        int seconds = 10;
        boolean peer = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--peer" -> peer = true;
                default -> {
                    System.err.println("Usage: inference/benchmark [--peer] [--model FILE.tflite] [--iterations N] "
                            + "[--seconds S]");
                    System.exit(2);
                }
            }
        }
        BufferedImage image2 = ImageIO.read(shared.resolve("testdata/pose/tensorflow-examples/image2.jpeg").toFile());
        byte[] jpeg = LabelledSet.jpeg(cover640x480(image2), 0.9f);
        int cores = Runtime.getRuntime().availableProcessors();
        // The server's own environment variables apply (e.g. INFERENCE_JPEG_DECODER=imageio and
        // INFERENCE_HEAVY_IMAGE_PIXELS=999999999999 reproduce the server as it was before the native decoder and the
        // heavy lane); it always listens on a free loopback port.
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv()).withBindAddress("127.0.0.1").withPort(0);
        System.out.printf(Locale.ROOT, "MoveNet benchmark %s: model %s, image2 → 640×480 JPEG (%,d bytes), %d cores "
                        + "(%s), load average %s, Java %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                model.getFileName(), jpeg.length, cores, cpuModel(), loadAverage(), Runtime.version());
        System.out.println("Thunder (256 input, the default for real users) cannot be downloaded on this machine "
                + "(tfhub.dev is unreachable): all numbers are Lightning int8 (192 input).");

        decoding(jpeg, iterations);
        Path modelFile = model;
        InferenceServer server = InferenceServer.start(config,
                () -> MoveNetEngine.loadWarmedUp(modelFile, config.engineOptions()));
        MoveNetInterpreter interpreter = MoveNetInterpreter.load(model, 1);
        try {
            server.readiness().get(120, TimeUnit.SECONDS);
            System.out.println("Server: JPEG decoder " + server.readiness().get().jpegDecoder() + ", refinement "
                    + config.refinement().label() + ", " + config.workers() + " workers × "
                    + config.threadsPerWorker() + " thread");
            latency(server.port(), jpeg, interpreter, iterations);
            refinement(model, shared);
            heavy(server.port(), image2, jpeg);
            if (peer) {
                PeerComparison.run(server.port(), jpeg, model, peerScript, cores, seconds, shared);
            } else {
                System.out.printf(Locale.ROOT, "%nThroughput (%d s per run, %d workers)%n", seconds, config.workers());
                for (int clients : new int[] {1, 2, 4}) {
                    LoadRun.Result r = LoadRun.run(server.port(), jpeg, clients, seconds);
                    System.out.printf(Locale.ROOT, "  %d client(s): %7.1f requests/s  p50 %6.2f ms  p99 %6.2f ms%n",
                            clients, r.requestsPerSecond(), r.p50(), r.p99());
                }
                System.out.println("(add --peer for the Python/TensorFlow Lite peer side by side)");
            }
        } finally {
            server.stop();
            interpreter.close();
        }
    }

    /** p50 per decode of the 640×480 JPEG: ImageIO full size, TurboJPEG full size, TurboJPEG at the engine's 1/2. */
    private static void decoding(byte[] jpeg, int iterations) throws Exception {
        ImageHeader header = ImageHeader.read(jpeg, jpeg.length, Long.MAX_VALUE);
        System.out.printf(Locale.ROOT, "%nDecoding the 640×480 JPEG (p50 of %d, ms)%n", iterations);
        try (ImageDecoder imageIo = ImageDecoder.imageIo()) {
            System.out.printf(Locale.ROOT, "  ImageIO, full size            %6.3f%n",
                    decodeP50(imageIo, jpeg, header, 1, iterations));
            System.out.printf(Locale.ROOT, "  ImageIO, every 3rd pixel      %6.3f   (before: the engine's choice)%n",
                    decodeP50(imageIo, jpeg, header, 3, iterations));
        }
        JpegDecoders turbo = JpegDecoders.resolve(JpegDecoders.Setting.defaults());
        if (!turbo.usesTurboJpeg()) {
            System.out.println("  TurboJPEG: not available — " + turbo.description());
            return;
        }
        try (ImageDecoder decoder = turbo.newDecoder()) {
            System.out.printf(Locale.ROOT, "  TurboJPEG, full size          %6.3f%n",
                    decodeP50(decoder, jpeg, header, 1, iterations));
            System.out.printf(Locale.ROOT, "  TurboJPEG, 1/2 (DCT scaling)  %6.3f   (now: the engine's choice)%n",
                    decodeP50(decoder, jpeg, header, 3, iterations));
        }
    }

    private static double decodeP50(ImageDecoder decoder, byte[] jpeg, ImageHeader header, int step, int n)
            throws Exception {
        double[] t = new double[n];
        for (int i = -30; i < n; i++) {
            long t0 = System.nanoTime();
            decoder.decode(jpeg, jpeg.length, header, step, step);
            if (i >= 0) {
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return LoadRun.percentile(t, 50);
    }

    /** Raw Invoke() against /invocations, interleaved; overhead = total − model time, ratio socket ÷ server total. */
    private static void latency(int port, byte[] jpeg, MoveNetInterpreter interpreter, int iterations)
            throws IOException {
        float[] out = new float[17 * 3];
        interpreter.run(out);
        for (int i = 0; i < 30; i++) {
            interpreter.invoke();
        }
        double[] raw = new double[iterations];
        double[] endToEnd = new double[iterations];
        double[] overhead = new double[iterations];
        double[][] stages = new double[STAGES.length][iterations];
        int refined = 0;
        try (RawHttpClient client = new RawHttpClient("127.0.0.1", port)) {
            for (int i = 0; i < 50; i++) {
                call(client, jpeg);
            }
            for (int i = 0; i < iterations; i++) {
                long r0 = System.nanoTime();
                interpreter.invoke();
                raw[i] = (System.nanoTime() - r0) / 1e6;
                long t0 = System.nanoTime();
                String body = call(client, jpeg);
                endToEnd[i] = (System.nanoTime() - t0) / 1e6;
                double[] t = timings(body);
                for (int s = 0; s < STAGES.length; s++) {
                    stages[s][i] = t[s];
                }
                overhead[i] = t[4] - t[2];
                refined += body.contains("\"ran\":true") ? 1 : 0;
            }
        }
        double totalP50 = LoadRun.percentile(stages[4], 50);
        double e2eP50 = LoadRun.percentile(endToEnd, 50);
        double overheadP50 = LoadRun.percentile(overhead, 50);
        System.out.printf(Locale.ROOT, "%nLatency over %d requests of the 640×480 JPEG (ms)   p50      p99%n",
                iterations);
        System.out.printf(Locale.ROOT, "  raw Invoke() (1 thread)                 %7.2f  %7.2f%n",
                LoadRun.percentile(raw, 50), LoadRun.percentile(raw, 99));
        System.out.printf(Locale.ROOT, "  POST /invocations (raw socket client)   %7.2f  %7.2f%n", e2eP50,
                LoadRun.percentile(endToEnd, 99));
        for (int s = 0; s < STAGES.length; s++) {
            System.out.printf(Locale.ROOT, "    server timingsMs.%-12s           %7.2f  %7.2f%n", STAGES[s],
                    LoadRun.percentile(stages[s], 50), LoadRun.percentile(stages[s], 99));
        }
        System.out.printf(Locale.ROOT, "  refinement ran on %d of %d requests (this image: %s)%n", refined,
                iterations, refined > iterations / 2 ? "second pass" : "one pass");
        System.out.printf(Locale.ROOT, "  server overhead p50 (total − model time, all passes): %.3f ms  (goal ≤ 1.0: "
                + "%s)%n", overheadP50, overheadP50 <= 1.0 ? "met" : "missed");
        System.out.printf(Locale.ROOT, "  /invocations p50 ÷ server total p50: %.3f  (goal ≤ 1.15: %s)%n",
                e2eP50 / totalP50, e2eP50 / totalP50 <= 1.15 ? "met" : "missed");
    }

    /** On every labelled image: does auto refine, the second pass's time, errors before/after. */
    private static void refinement(Path model, Path shared) throws Exception {
        List<LabelledSet.Image> images = LabelledSet.load(shared);
        EngineOptions one = EngineOptions.defaults().withWorkers(1);
        System.out.printf(Locale.ROOT, "%nCrop-region refinement on the labelled set (before: ImageIO, one pass; "
                + "after: defaults = TurboJPEG 1/2ⁿ, auto; errors in px, Chebyshev; PCK@%.1f torso)%n",
                LabelledSet.PCK_FRACTION);
        System.out.printf(Locale.ROOT, "  %-26s %-22s %-22s %-7s %s%n", "image", "before max/mean/PCK",
                "after max/mean/PCK", "refined", "2nd pass ms (decode+prep+model)");
        try (MoveNetEngine before = MoveNetEngine.load(model, one.withRefinement(RefinementMode.OFF)
                .withJpegDecoding(new JpegDecoders.Setting(JpegDecoders.Choice.IMAGEIO, "")));
             MoveNetEngine after = MoveNetEngine.load(model, one)) {
            before.warmUp();
            after.warmUp();
            int ran = 0;
            List<Double> secondPass = new ArrayList<>();
            for (LabelledSet.Image image : images) {
                LabelledSet.Errors b = LabelledSet.errors(before.estimate(image.bytes()), image);
                PosePrediction p = null;
                double[] times = new double[21];
                for (int i = 0; i < times.length; i++) {
                    p = after.estimate(image.bytes());
                    var pass = p.timings().secondPass();
                    times[i] = pass == null ? 0 : pass.decodeMs() + pass.preprocessMs() + pass.inferenceMs();
                }
                LabelledSet.Errors a = LabelledSet.errors(p, image);
                double median = LoadRun.percentile(times, 50);
                if (p.refinement().ran()) {
                    ran++;
                    secondPass.add(median);
                }
                System.out.printf(Locale.ROOT, "  %-26s %5.1f / %5.1f / %.2f     %5.1f / %5.1f / %.2f     %-7s %s%n",
                        image.name(), b.maxPx(), b.meanPx(), b.pck(), a.maxPx(), a.meanPx(), a.pck(),
                        p.refinement().ran() ? "yes" : "no",
                        p.refinement().ran() ? String.format(Locale.ROOT, "%.2f", median) : "—");
            }
            System.out.printf(Locale.ROOT, "  auto ran the second pass on %d of %d labelled images; its time p50 "
                    + "%.2f ms%n", ran, images.size(), secondPass.isEmpty() ? 0
                    : LoadRun.percentile(secondPass.stream().mapToDouble(Double::doubleValue).toArray(), 50));
        }
    }

    /** The hardening probe's 40 MP progressive CMYK JPEG, alone and two at once beside normal requests; RSS. */
    private static void heavy(int port, BufferedImage image2, byte[] normal) throws Exception {
        byte[] heavy = SyntheticImages.cmykJpeg(image2, 8000, 5000, true);
        System.out.printf(Locale.ROOT, "%nHeavy image: 40 MP progressive CMYK JPEG (%,d bytes)%n", heavy.length);
        resetPeakRss();
        long rssBefore = rssKb("VmRSS");
        try (RawHttpClient client = new RawHttpClient("127.0.0.1", port)) {
            long t0 = System.nanoTime();
            RawHttpClient.Response r = client.post("/invocations", "image/jpeg", heavy);
            System.out.printf(Locale.ROOT, "  alone: HTTP %d in %.2f s%n", r.status(), (System.nanoTime() - t0) / 1e9);
        }
        List<Thread> heavyClients = new ArrayList<>();
        double[] heavySeconds = new double[2];
        long t0 = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            int index = i;
            heavyClients.add(Thread.ofPlatform().start(() -> {
                try (RawHttpClient client = new RawHttpClient("127.0.0.1", port)) {
                    client.post("/invocations", "image/jpeg", heavy);
                    heavySeconds[index] = (System.nanoTime() - t0) / 1e9;
                } catch (IOException e) {
                    heavySeconds[index] = Double.NaN;
                }
            }));
        }
        List<Double> normalMs = new ArrayList<>();
        try (RawHttpClient client = new RawHttpClient("127.0.0.1", port)) {
            while (heavyClients.stream().anyMatch(Thread::isAlive)) {
                long n0 = System.nanoTime();
                call(client, normal);
                normalMs.add((System.nanoTime() - n0) / 1e6);
            }
        }
        for (Thread t : heavyClients) {
            t.join();
        }
        double[] n = normalMs.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(Locale.ROOT, "  two at once: answered after %.2f s and %.2f s (goal ≤ 5 s); meanwhile %d "
                        + "normal requests, p50 %.2f ms, p99 %.2f ms, all 200%n", heavySeconds[0], heavySeconds[1],
                n.length, LoadRun.percentile(n, 50), LoadRun.percentile(n, 99));
        System.out.printf(Locale.ROOT, "  RSS of this JVM (server + benchmark): %d MB before, peak %d MB during "
                + "(+%d MB)%n", rssBefore / 1024, rssKb("VmHWM") / 1024, (rssKb("VmHWM") - rssBefore) / 1024);
    }

    private static String call(RawHttpClient client, byte[] jpeg) throws IOException {
        RawHttpClient.Response response = client.post("/invocations", "image/jpeg", jpeg);
        if (response.status() != 200) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** The server's own timingsMs of one response, in {@link #STAGES} order (the top-level ones). */
    private static double[] timings(String json) {
        double[] result = new double[STAGES.length];
        int at = json.indexOf("\"timingsMs\"");
        Matcher matcher = TIMING.matcher(json.substring(at, json.indexOf("\"firstPass\"", at)));
        while (matcher.find()) {
            result[Arrays.asList(STAGES).indexOf(matcher.group(1))] = Double.parseDouble(matcher.group(2));
        }
        return result;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long rssKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return 0;
    }

    /** Resets VmHWM (peak RSS) so that the heavy section measures its own peak (Linux 4.0+). */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            // the peak then includes the earlier sections
        }
    }

    /** The photo scaled to cover 640×480 and centre-cropped. */
    private static BufferedImage cover640x480(BufferedImage source) {
        double scale = Math.max(640.0 / source.getWidth(), 480.0 / source.getHeight());
        int w = (int) Math.ceil(source.getWidth() * scale);
        int h = (int) Math.ceil(source.getHeight() * scale);
        BufferedImage target = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        var g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        return target;
    }
}
