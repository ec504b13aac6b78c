package com.poseops.monitoring.local;

import com.poseops.endpoints.InvocationObserver;
import com.poseops.inference.TestData;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.testsupport.LocalEndpointRig;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Benchmark, not a test (its name matches no surefire or failsafe pattern; run it on purpose, see README): what
 * recording costs the front door. One local endpoint (the real front door and inference-server child), one client on
 * a keep-alive connection sending image2.jpeg; requests alternate, in pairs of random order, between the front door
 * with recording on — the metrics recorder (HdrHistograms per minute and hour, written to DynamoDB Local) and the
 * capture writer at 100 % sampling (JSON Lines with both bodies) — and off (no observer). Goal (issue 10): recording
 * adds at most 5 % to the front door's p50. Written to {@code target/front-door-recording-benchmark.txt}.
 */
@PoseOpsSpringTest
class FrontDoorRecordingBenchmark {

    private static final int WARM_UP = 30;
    private static final int RUNS = Integer.getInteger("poseops.bench.runs", 400);

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    DynamoDbTables tables;

    /** The observers of "on", or none: switched by the benchmark between requests. */
    private volatile boolean recording;

    @Test
    void recordingOnVersusOff() throws Exception {
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        String endpoint = "bench-rec-" + UUID.randomUUID().toString().substring(0, 6);
        Clock clock = Clock.systemUTC();
        Path captures = Files.createDirectories(Path.of("target", "test-data", "recording-bench", endpoint));
        MetricsRecorder metrics = new MetricsRecorder(new LocalMetricsStore(tables, clock), endpoint,
                Duration.ofDays(15), clock);
        try (InvocationRecorder recorder = new InvocationRecorder(metrics, 10_000);
                LocalCaptureWriter capture = new LocalCaptureWriter(captures, endpoint, true, 100, 64L << 20)) {
            InvocationObserver switched = invocation -> {
                if (recording) {
                    recorder.observed(invocation);
                    capture.observed(invocation);
                }
            };
            try (LocalEndpointRig rig = LocalEndpointRig.start(context, endpoint, TestData.lightningInt8Model(), 60.0,
                    List.of(switched))) {
                rig.awaitInService();
                URI frontDoor = rig.controlPlane().invocationUrl();
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<Double> on = new ArrayList<>();
                List<Double> off = new ArrayList<>();
                java.util.Random order = new java.util.Random(7);
                for (int i = 0; i < WARM_UP + RUNS; i++) {
                    boolean onFirst = order.nextBoolean();
                    recording = onFirst;
                    double first = timeMillis(http, frontDoor, jpeg);
                    recording = !onFirst;
                    double second = timeMillis(http, frontDoor, jpeg);
                    if (i >= WARM_UP) {
                        on.add(onFirst ? first : second);
                        off.add(onFirst ? second : first);
                    }
                }
                recorder.flushNow();
                double ratio = percentile(on, 50) / percentile(off, 50);
                String report = String.format(Locale.ROOT, """
                        Front door with recording on vs off, %d requests each (after %d warm-up pairs), alternating in \
                        pairs of random order, image2.jpeg (%d bytes), one keep-alive client:
                          recording off (no observer)                         p50 %.2f ms  p90 %.2f ms  p99 %.2f ms
                          recording on (metrics + capture at 100 %% sampling)  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms
                          added by recording: p50 %+.2f ms, ratio p50 %.3f (goal ≤ 1.05 → %s); recorded %d, dropped \
                        %d samples, %d captures dropped
                        """, RUNS, WARM_UP, jpeg.length, percentile(off, 50), percentile(off, 90), percentile(off, 99),
                        percentile(on, 50), percentile(on, 90), percentile(on, 99),
                        percentile(on, 50) - percentile(off, 50), ratio, ratio <= 1.05 ? "met" : "MISSED",
                        recorder.recorded(), recorder.dropped(), capture.dropped());
                System.out.println(report);
                Path file = Path.of("target", "front-door-recording-benchmark.txt");
                Files.writeString(file, report);
            }
        }
    }

    private static double timeMillis(HttpClient http, URI uri, byte[] body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "image/jpeg")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new AssertionError(uri + " answered " + response.statusCode());
        }
        return millis;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
    }
}
