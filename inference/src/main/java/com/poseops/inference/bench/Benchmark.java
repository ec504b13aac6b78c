package com.poseops.inference.bench;

import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.engine.MoveNetInterpreter;
import com.poseops.inference.server.InferenceServer;
import com.poseops.inference.server.ServerConfig;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code inference/benchmark}: in one run, the raw TFLite {@code Invoke()} time against the end-to-end
 * {@code POST /invocations} time (p50, p99) for a 640×480 JPEG, then the throughput at 1, 2 and 4 concurrent clients.
 * The server runs in this JVM on 127.0.0.1 with its default workers (one interpreter per core) and is called over
 * real sockets by {@link RawHttpClient} (keep-alive, one write per request, like a load balancer); the JDK HTTP client
 * is timed alongside for comparison.
 *
 * <pre>
 * inference/benchmark [--model FILE.tflite] [--image FILE.jpeg] [--iterations 300] [--seconds 10]
 * </pre>
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(System.getProperty("poseops.shared.dir", "../shared"));
        Path model = shared.resolve("models/movenet_singlepose_lightning_int8_4.tflite");
        Path image = shared.resolve("testdata/pose/tensorflow-examples/image2.jpeg");
        int iterations = 300;
        int seconds = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--image" -> image = Path.of(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("Usage: inference/benchmark [--model FILE.tflite] [--image FILE] "
                            + "[--iterations N] [--seconds S]");
                    System.exit(2);
                }
            }
        }
        byte[] jpeg = jpeg640x480(image);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "MoveNet benchmark: model %s, image %s → 640×480 JPEG (%,d bytes), %d cores, "
                + "Java %s%n", model.getFileName(), image.getFileName(), jpeg.length, cores, Runtime.version());

        // 1. Raw Invoke() of one interpreter (1 thread). Measured interleaved with the requests below (one Invoke(),
        // one request, …) so that both see the same background load on a shared machine.
        MoveNetInterpreter interpreter = MoveNetInterpreter.load(model, 1);
        float[] out = new float[17 * 3];
        interpreter.run(out);
        for (int i = 0; i < 30; i++) {
            interpreter.invoke();
        }
        double[] raw = new double[iterations];

        // 2. The server as deployed (workers = cores), one client, sequential requests.
        Path modelFile = model;
        ServerConfig config = ServerConfig.defaults().withBindAddress("127.0.0.1").withPort(0);
        InferenceServer server = InferenceServer.start(config,
                () -> MoveNetEngine.loadWarmedUp(modelFile, config.engineOptions()));
        try {
            server.readiness().get(120, TimeUnit.SECONDS);
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/invocations");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "image/jpeg")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build();
            RawHttpClient raw1 = new RawHttpClient("127.0.0.1", server.port());
            for (int i = 0; i < 50; i++) {
                call(raw1, jpeg);
                call(client, request);
            }
            double[] endToEnd = new double[iterations];
            double[] jdkClient = new double[iterations];
            double[][] stages = new double[STAGES.length][iterations];
            for (int i = 0; i < iterations; i++) {
                long r0 = System.nanoTime();
                interpreter.invoke();
                raw[i] = (System.nanoTime() - r0) / 1e6;
                long t0 = System.nanoTime();
                String body = call(raw1, jpeg);
                endToEnd[i] = (System.nanoTime() - t0) / 1e6;
                double[] t = timings(body);
                for (int s = 0; s < STAGES.length; s++) {
                    stages[s][i] = t[s];
                }
                long j0 = System.nanoTime();
                call(client, request);
                jdkClient[i] = (System.nanoTime() - j0) / 1e6;
            }
            raw1.close();
            double rawP50 = percentile(raw, 50);
            double e2eP50 = percentile(endToEnd, 50);
            System.out.printf(Locale.ROOT, "%nLatency over %d requests (ms)        p50      p99%n", iterations);
            System.out.printf(Locale.ROOT, "  raw Invoke() (1 thread)       %7.2f  %7.2f%n", rawP50, percentile(raw, 99));
            System.out.printf(Locale.ROOT, "  POST /invocations, 1 client   %7.2f  %7.2f   (keep-alive socket client)%n",
                    e2eP50, percentile(endToEnd, 99));
            for (int s = 0; s < STAGES.length; s++) {
                System.out.printf(Locale.ROOT, "    server timingsMs.%-12s %7.2f  %7.2f%n", STAGES[s],
                        percentile(stages[s], 50), percentile(stages[s], 99));
            }
            System.out.printf(Locale.ROOT, "  same via java.net.http client %7.2f  %7.2f   (for comparison)%n",
                    percentile(jdkClient, 50), percentile(jdkClient, 99));
            System.out.printf(Locale.ROOT, "  ratio /invocations p50 ÷ raw p50: %.3f (target ≤ 1.10)%n",
                    e2eP50 / rawP50);

            // 3. Throughput with 1, 2 and 4 clients, each sending back to back.
            System.out.printf(Locale.ROOT, "%nThroughput (%d s per run, %d workers)%n", seconds, config.workers());
            double one = 0;
            double two = 0;
            for (int clients : new int[] {1, 2, 4}) {
                double rps = throughput(server.port(), jpeg, clients, seconds);
                if (clients == 1) {
                    one = rps;
                } else if (clients == 2) {
                    two = rps;
                }
                System.out.printf(Locale.ROOT, "  %d client(s): %7.1f requests/s%n", clients, rps);
            }
            System.out.printf(Locale.ROOT, "  ratio 2 clients ÷ 1 client: %.2f (target ≥ 1.8)%n", two / one);
        } finally {
            server.stop();
            interpreter.close();
        }
    }

    private static final java.util.regex.Pattern TIMING =
            java.util.regex.Pattern.compile("\"(decode|preprocess|inference|postprocess|total)\":([0-9.]+)");
    private static final String[] STAGES = {"decode", "preprocess", "inference", "postprocess", "total"};

    private static String call(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String call(RawHttpClient client, byte[] jpeg) throws IOException {
        RawHttpClient.Response response = client.post("/invocations", "image/jpeg", jpeg);
        if (response.status() != 200) {
            throw new IllegalStateException("HTTP " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** The server's own timingsMs of one response, in {@link #STAGES} order. */
    private static double[] timings(String json) {
        double[] result = new double[STAGES.length];
        var matcher = TIMING.matcher(json);
        while (matcher.find()) {
            result[Arrays.asList(STAGES).indexOf(matcher.group(1))] = Double.parseDouble(matcher.group(2));
        }
        return result;
    }

    private static double throughput(int port, byte[] jpeg, int clients, int seconds)
            throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (RawHttpClient client = new RawHttpClient("127.0.0.1", port)) {
                    while (!stop.get()) {
                        call(client, jpeg);
                        if (measuring.get()) {
                            done.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    finished.countDown();
                }
            }));
        }
        Thread.sleep(1000); // ramp-up
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - t0;
        stop.set(true);
        finished.await(60, TimeUnit.SECONDS);
        return done.get() / (elapsed / 1e9);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The photo scaled to cover 640×480 and centre-cropped, as a baseline JPEG of quality 0.9. */
    private static byte[] jpeg640x480(Path image) throws IOException {
        BufferedImage source = ImageIO.read(image.toFile());
        if (source == null) {
            throw new IOException("Cannot read " + image);
        }
        double scale = Math.max(640.0 / source.getWidth(), 480.0 / source.getHeight());
        int w = (int) Math.ceil(source.getWidth() * scale);
        int h = (int) Math.ceil(source.getHeight() * scale);
        BufferedImage target = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        var g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            writer.write(null, new IIOImage(target, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
