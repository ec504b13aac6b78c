package com.poseops.monitoring.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.poseops.endpoints.InvocationObserver.RoutedInvocation;
import com.poseops.endpoints.VariantProcesses;
import com.poseops.inference.TestData;
import com.poseops.monitoring.InferenceServerChild;
import com.poseops.monitoring.MetricPoint;
import com.poseops.monitoring.MetricQuery;
import com.poseops.monitoring.MetricSeries;
import com.poseops.monitoring.MetricsResult;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.DynamoDbConnection;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableProvisioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * The recorder and the resource sampler with real processes: an inference-server child process serving the shared
 * Lightning int8 model answers real requests, which are handed to the recorder as the front door hands them over
 * (a {@link RoutedInvocation} with the measured latency); the sampler reads the child's CPU, memory and disk from
 * Linux while it works.
 */
class RealProcessRecordingTest {

    @TempDir
    Path dataDirectory;

    @Test
    void realRequestsAreCountedWithTheirLatenciesAndTheBusyProcessShowsCpuAndMemory() throws Exception {
        AwsSettings aws = new AwsSettings("ap-south-1", "", false, "test-");
        try (DynamoDbConnection connection = DynamoDbConnection.open(
                new PoseOpsSettings(Mode.LOCAL, dataDirectory.resolve("db").toString(), null), new AwsClients(aws));
                InferenceServerChild server = InferenceServerChild.start(dataDirectory.resolve("server.log"))) {
            DynamoDbTables tables = new DynamoDbTables(DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(connection.client()).build(), aws, List.of(LocalMetricsStore.TABLE));
            new TableProvisioner(connection.client(), tables).createMissing();
            Clock clock = Clock.systemUTC();
            LocalMetricsStore store = new LocalMetricsStore(tables, clock);
            MetricsRecorder metrics = new MetricsRecorder(store, "real-endpoint", Duration.ofDays(15), clock);
            long pid = server.pid();
            VariantProcesses processes = () -> Map.of("blue", List.of(pid));
            ResourceSampler sampler = new ResourceSampler(processes, metrics, clock);
            sampler.sample(); // first look: the baseline of CPU time

            URI invocations = server.invocations();
            byte[] image = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
            HttpClient http = HttpClient.newHttpClient();
            int requests = 40;
            List<Long> measured = new ArrayList<>();
            Instant from = Instant.now();
            try (InvocationRecorder recorder = new InvocationRecorder(metrics, 1000)) {
                for (int i = 0; i < requests; i++) {
                    long started = System.nanoTime();
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(invocations)
                            .header("Content-Type", "image/jpeg")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
                    assertThat(response.statusCode()).isEqualTo(200);
                    measured.add(micros);
                    recorder.observed(new RoutedInvocation(Instant.now(), "real-endpoint", "blue", "config-1", 200,
                            micros, 50, "image/jpeg", image, "application/json", response.body()));
                }
                recorder.flushNow();
                assertThat(recorder.dropped()).isZero();
            }
            // keep the process busy on a second core while the sampler looks again
            AtomicBoolean busy = new AtomicBoolean(true);
            Thread load = Thread.ofPlatform().start(() -> {
                while (busy.get()) {
                    try {
                        http.send(HttpRequest.newBuilder(invocations).header("Content-Type", "image/jpeg")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Thread.sleep(1500);
            List<ResourceSample> samples = sampler.sample();
            busy.set(false);
            load.join();
            metrics.flush();

            assertThat(samples).singleElement().satisfies(sample -> {
                assertThat(sample.variant()).isEqualTo("blue");
                assertThat(sample.cpuPercent()).as("CPU of a process answering back-to-back requests").isGreaterThan(5.0)
                        .isLessThan(100.0 * Runtime.getRuntime().availableProcessors() + 50);
                long rss = ProcessResources.residentBytes(pid).orElseThrow();
                long total = ProcessResources.totalMemoryBytes().orElseThrow();
                assertThat(rss).as("a JVM with TFLite loaded").isGreaterThan(30L * 1024 * 1024);
                assertThat(sample.memoryPercent()).isCloseTo(100.0 * rss / total, within(100.0 * rss / total * 0.5));
                assertThat(sample.diskPercent()).isBetween(0.0, 100.0).isGreaterThan(0.0);
            });

            MetricsResult result = new LocalMetricsSource(store, clock).fetch(new MetricQuery("real-endpoint",
                    from.minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(1)),
                    Duration.ofMinutes(1), null));
            assertThat(result.points(MetricSeries.INVOCATIONS).stream().mapToDouble(MetricPoint::value).sum())
                    .isEqualTo(requests);
            List<Long> sorted = measured.stream().sorted().toList();
            double clientP50 = sorted.get(requests / 2 - 1) / 1000.0;
            if (result.points(MetricSeries.MODEL_LATENCY_P50).size() == 1) {
                // all requests in one minute: the p50 shown is the measured one (HdrHistogram: within 0.1 %)
                assertThat(result.points(MetricSeries.MODEL_LATENCY_P50).getFirst().value())
                        .isCloseTo(clientP50, within(clientP50 * 0.001 + 0.001));
            }
            assertThat(result.points(MetricSeries.CPU_UTILIZATION)).as("resource samples stored").isNotEmpty();
            assertThat(result.points(MetricSeries.MEMORY_UTILIZATION).getLast().value()).isGreaterThan(0.0);
        }
    }
}
