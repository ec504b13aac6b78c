package com.poseops.monitoring.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.poseops.endpoints.InvocationObserver.RoutedInvocation;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * local mode's metrics for real: the recorder writes per-minute and per-hour buckets to DynamoDB Local (a child
 * process), the source reads them back. Percentiles are checked against the exact values of what was recorded;
 * retention, restarts and a full queue are checked as a user would meet them.
 */
class LocalMetricsIntegrationTest {

    @TempDir
    static Path dataDirectory;

    private static final AwsSettings AWS = new AwsSettings("ap-south-1", "", false, "test-");
    private static DynamoDbConnection connection;
    private static DynamoDbTables tables;

    /** A fixed "now" well after the data, so that every bucket is complete. */
    private static final Instant HOUR = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = HOUR.plus(Duration.ofHours(2));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeAll
    static void database() {
        connection = DynamoDbConnection.open(new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null),
                new AwsClients(AWS));
        tables = tablesOf(connection);
    }

    @AfterAll
    static void stop() {
        connection.close();
    }

    private static DynamoDbTables tablesOf(DynamoDbConnection connection) {
        DynamoDbTables tables = new DynamoDbTables(DynamoDbEnhancedClient.builder()
                .dynamoDbClient(connection.client()).build(), AWS, List.of(LocalMetricsStore.TABLE));
        new TableProvisioner(connection.client(), tables).createMissing();
        return tables;
    }

    @Test
    void percentilesOverAnHourComeFromTheMergedHistogramsAndEqualTheExactValues() {
        String endpoint = endpoint();
        MetricsRecorder recorder = new MetricsRecorder(new LocalMetricsStore(tables, CLOCK), endpoint,
                Duration.ofDays(15), CLOCK);
        // 60 minutes with very different distributions: a few slow minutes, mostly fast ones
        Random random = new Random(42);
        List<Long> all = new ArrayList<>();
        List<Double> perMinuteP99 = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            List<Long> values = new ArrayList<>();
            int n = 20 + random.nextInt(80);
            long base = minute % 10 == 0 ? 400_000 : 8_000; // every tenth minute is slow (400 ms)
            for (int i = 0; i < n; i++) {
                long micros = base + random.nextInt((int) (base / 2));
                values.add(micros);
                recorder.record(new InvocationSample(HOUR.plus(Duration.ofMinutes(minute)).plusSeconds(i % 60),
                        "blue", 200, micros, 300 + i));
            }
            all.addAll(values);
            perMinuteP99.add(exact(values, 99) / 1000.0);
        }
        recorder.flush();
        LocalMetricsSource source = new LocalMetricsSource(new LocalMetricsStore(tables, CLOCK), CLOCK);

        MetricsResult hour = source.fetch(new MetricQuery(endpoint, HOUR, HOUR.plus(Duration.ofHours(1)),
                Duration.ofHours(1), null));

        assertThat(value(hour, MetricSeries.INVOCATIONS)).isEqualTo(all.size());
        for (int p : new int[] {50, 90, 99}) {
            double exactMillis = exact(all, p) / 1000.0;
            MetricSeries series = p == 50 ? MetricSeries.MODEL_LATENCY_P50
                    : p == 90 ? MetricSeries.MODEL_LATENCY_P90 : MetricSeries.MODEL_LATENCY_P99;
            assertThat(value(hour, series)).as("p%d over the hour", p)
                    .isCloseTo(exactMillis, within(exactMillis * 0.001 + 0.001));
        }
        double averageOfMinuteP99s = perMinuteP99.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(value(hour, MetricSeries.MODEL_LATENCY_P99)).as("not the average of per-minute p99s")
                .isNotCloseTo(averageOfMinuteP99s, within(averageOfMinuteP99s * 0.2));
        assertThat(value(hour, MetricSeries.MODEL_LATENCY_AVERAGE)).as("average from exact sums")
                .isCloseTo(all.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000.0, within(1e-9));

        // the same hour read from the minute buckets (5-minute periods), merged by the reader: the same numbers
        MetricsResult minutes = source.fetch(new MetricQuery(endpoint, HOUR, HOUR.plus(Duration.ofHours(1)),
                Duration.ofMinutes(5), null));
        assertThat(minutes.points(MetricSeries.INVOCATIONS)).hasSize(12);
        assertThat(minutes.points(MetricSeries.INVOCATIONS).stream().mapToDouble(MetricPoint::value).sum())
                .isEqualTo(all.size());
        assertThat(minutes.minuteLatency()).as("one average per minute for the threshold rule").hasSize(60);
        assertThat(hour.minuteLatency()).as("the same minutes from the hour buckets")
                .isEqualTo(minutes.minuteLatency());
    }

    @Test
    void countsErrorsAndVariantsAddUpAndTheVariantFilterSeparatesThem() {
        String endpoint = endpoint();
        MetricsRecorder recorder = new MetricsRecorder(new LocalMetricsStore(tables, CLOCK), endpoint,
                Duration.ofDays(15), CLOCK);
        Instant minute = HOUR.plus(Duration.ofMinutes(7));
        for (int i = 0; i < 10; i++) {
            recorder.record(new InvocationSample(minute.plusSeconds(i), "blue", i < 2 ? 424 : 200, 10_000, 500));
        }
        for (int i = 0; i < 5; i++) {
            recorder.record(new InvocationSample(minute.plusSeconds(i), "green", i == 0 ? 503 : 200, 30_000, 500));
        }
        recorder.record(new ResourceSample(minute, "blue", 150.0, 10.0, 40.0));
        recorder.record(new ResourceSample(minute.plusSeconds(10), "blue", 50.0, 12.0, 40.0));
        recorder.record(new ResourceSample(minute, "green", 80.0, 5.0, 41.0));
        recorder.flush();
        LocalMetricsSource source = new LocalMetricsSource(new LocalMetricsStore(tables, CLOCK), CLOCK);
        MetricQuery all = new MetricQuery(endpoint, minute, minute.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1),
                null);

        MetricsResult both = source.fetch(all);
        assertThat(both.variants()).containsExactly("blue", "green");
        assertThat(value(both, MetricSeries.INVOCATIONS)).isEqualTo(15);
        assertThat(value(both, MetricSeries.ERRORS_4XX)).isEqualTo(2);
        assertThat(value(both, MetricSeries.ERRORS_5XX)).isEqualTo(1);
        assertThat(value(both, MetricSeries.MODEL_LATENCY_AVERAGE)).isCloseTo((10 * 10.0 + 5 * 30.0) / 15,
                within(1e-9));
        assertThat(value(both, MetricSeries.CPU_UTILIZATION)).as("blue's average + green's").isEqualTo(100.0 + 80.0);
        assertThat(value(both, MetricSeries.MEMORY_UTILIZATION)).isEqualTo(11.0 + 5.0);
        assertThat(value(both, MetricSeries.DISK_UTILIZATION)).isEqualTo(41.0);

        MetricsResult green = source.fetch(new MetricQuery(endpoint, all.from(), all.to(), all.period(), "green"));
        assertThat(value(green, MetricSeries.INVOCATIONS)).isEqualTo(5);
        assertThat(value(green, MetricSeries.MODEL_LATENCY_P50)).isCloseTo(30.0, within(0.03));
        assertThat(value(green, MetricSeries.CPU_UTILIZATION)).isEqualTo(80.0);
    }

    @Test
    void aWeekShownAgainReadsOnlyItsOpenHoursAndGivesTheSameNumbers() {
        String endpoint = endpoint();
        Instant now = HOUR.plus(Duration.ofMinutes(150)); // 12:30: the hours 10:00 and 11:00 are closed, 12:00 open
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        MetricsRecorder recorder = new MetricsRecorder(new LocalMetricsStore(tables, clock), endpoint,
                Duration.ofDays(15), clock);
        for (int minute = 0; minute < 150; minute += 7) {
            for (String variant : List.of("blue", "green")) {
                recorder.record(new InvocationSample(HOUR.plus(Duration.ofMinutes(minute)), variant, 200,
                        variant.equals("blue") ? 9_000 + minute * 100L : 30_000, 400));
            }
        }
        recorder.record(new ResourceSample(HOUR.plusSeconds(30), "blue", 120.0, 10.0, 40.0));
        recorder.flush();
        MetricQuery week = new MetricQuery(endpoint, HOUR.minus(Duration.ofDays(7)),
                now.plus(Duration.ofMinutes(1)), Duration.ofHours(1), null);
        LocalMetricsSource source = new LocalMetricsSource(new LocalMetricsStore(tables, clock), clock);

        MetricsResult first = source.fetch(week);
        MetricsResult again = source.fetch(week);
        assertThat(first.points(MetricSeries.INVOCATIONS)).hasSize(3);
        assertThat(again.series()).as("the closed hours remembered give the numbers read").isEqualTo(first.series());
        assertThat(again.minuteLatency()).isEqualTo(first.minuteLatency());
        assertThat(first.minuteLatency()).as("a minute every 7 minutes").hasSize(22);

        // a sample in the open hour shows at once; one written into a closed hour (which the recorder never does
        // after it has settled) shows that the closed hour is not read again
        MetricsRecorder late = new MetricsRecorder(new LocalMetricsStore(tables, clock), endpoint,
                Duration.ofDays(15), clock);
        late.record(new InvocationSample(HOUR.plus(Duration.ofMinutes(125)), "blue", 200, 9_000, 400));
        late.record(new InvocationSample(HOUR.plus(Duration.ofMinutes(61)), "blue", 200, 9_000, 400));
        late.flush();
        MetricsResult after = source.fetch(week);
        assertThat(after.points(MetricSeries.INVOCATIONS)).extracting(MetricPoint::value)
                .containsExactly(first.points(MetricSeries.INVOCATIONS).get(0).value(),
                        first.points(MetricSeries.INVOCATIONS).get(1).value(),
                        first.points(MetricSeries.INVOCATIONS).get(2).value() + 1);
        MetricsResult fresh = new LocalMetricsSource(new LocalMetricsStore(tables, clock), clock).fetch(week);
        assertThat(fresh.points(MetricSeries.INVOCATIONS).get(1).value()).as("a new reader reads it all")
                .isEqualTo(first.points(MetricSeries.INVOCATIONS).get(1).value() + 1);
    }

    @Test
    void expiredMinutesAreNeverReadEvenBeforeDynamoDbDeletesThemAndTheTableHasTimeToLive() {
        String endpoint = endpoint();
        Instant now = Instant.parse("2026-11-29T12:00:30Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        MetricsRecorder recorder = new MetricsRecorder(new LocalMetricsStore(tables, clock), endpoint,
                Duration.ofDays(1), clock);
        Instant old = now.minus(Duration.ofDays(2)); // beyond the 1-day retention
        Instant recent = now.minus(Duration.ofHours(3));
        recorder.record(new InvocationSample(old, "blue", 200, 5_000, 100));
        recorder.record(new InvocationSample(recent, "blue", 200, 6_000, 100));
        recorder.flush();
        LocalMetricsSource source = new LocalMetricsSource(new LocalMetricsStore(tables, clock), clock);

        MetricsResult threeDays = source.fetch(new MetricQuery(endpoint, now.minus(Duration.ofDays(3)),
                now.plusSeconds(30), Duration.ofHours(1), null));

        assertThat(threeDays.points(MetricSeries.INVOCATIONS)).extracting(MetricPoint::start)
                .containsExactly(recent.truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        // the expired item is still in the table (DynamoDB Local deletes lazily, if at all) — only the reader skips it
        String partition = LocalMetricsStore.partition(endpoint, "blue", MetricsBucket.Granularity.MINUTE);
        long stored = connection.client().query(q -> q.tableName(tables.physicalName(LocalMetricsStore.TABLE))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(java.util.Map.of(":pk",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(partition)))).count();
        assertThat(stored).as("items in the partition, expired one included").isEqualTo(2);
        var ttl = connection.client().describeTimeToLive(r -> r.tableName(tables.physicalName(LocalMetricsStore.TABLE)))
                .timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);

        // and a minute ages out as time passes: one day later the recent minute is gone too
        Clock dayLater = Clock.fixed(now.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        MetricsResult later = new LocalMetricsSource(new LocalMetricsStore(tables, dayLater), dayLater)
                .fetch(new MetricQuery(endpoint, now.minus(Duration.ofDays(3)), now.plusSeconds(30),
                        Duration.ofHours(1), null));
        assertThat(later.points(MetricSeries.INVOCATIONS)).isEmpty();
        assertThat(later.variants()).as("the variant marker expires with its data").isEmpty();
    }

    @Test
    void aRestartInTheMiddleOfAMinuteLosesNothingThatWasFlushed() {
        String endpoint = endpoint();
        Instant minute = HOUR.plus(Duration.ofMinutes(30));
        MetricsRecorder before = new MetricsRecorder(new LocalMetricsStore(tables, CLOCK), endpoint,
                Duration.ofDays(15), CLOCK);
        for (int i = 0; i < 7; i++) {
            before.record(new InvocationSample(minute.plusSeconds(i), "blue", 200, 10_000 + i, 100));
        }
        before.flush();
        // a new console: a new recorder with nothing in memory, the same minute
        MetricsRecorder after = new MetricsRecorder(new LocalMetricsStore(tables, CLOCK), endpoint,
                Duration.ofDays(15), CLOCK);
        for (int i = 0; i < 5; i++) {
            after.record(new InvocationSample(minute.plusSeconds(30 + i), "blue", 500, 20_000, 100));
        }
        after.flush();
        after.flush(); // a second flush with nothing new writes nothing twice

        MetricsResult result = new LocalMetricsSource(new LocalMetricsStore(tables, CLOCK), CLOCK).fetch(
                new MetricQuery(endpoint, minute, minute.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1), null));
        assertThat(value(result, MetricSeries.INVOCATIONS)).isEqualTo(12);
        assertThat(value(result, MetricSeries.ERRORS_5XX)).isEqualTo(5);
        assertThat(value(result, MetricSeries.MODEL_LATENCY_P99)).isCloseTo(20.0, within(0.03));
        MetricsResult hour = new LocalMetricsSource(new LocalMetricsStore(tables, CLOCK), CLOCK).fetch(
                new MetricQuery(endpoint, HOUR, HOUR.plus(Duration.ofHours(1)), Duration.ofHours(1), null));
        assertThat(value(hour, MetricSeries.INVOCATIONS)).as("the hour bucket too").isEqualTo(12);
    }

    @Test
    void aFullQueueDropsAndCountsSamplesWithoutEverBlockingTheCaller() {
        String endpoint = endpoint();
        Clock clock = Clock.systemUTC();
        MetricsRecorder metrics = new MetricsRecorder(new LocalMetricsStore(tables, clock), endpoint,
                Duration.ofDays(15), clock);
        int total = 1_000;
        int capacity = 100;
        try (InvocationRecorder recorder = new InvocationRecorder(metrics, capacity)) {
            // While the recorder's consumer is held up (its lock taken here), the front door keeps calling.
            synchronized (metrics) {
                for (int i = 0; i < total; i++) {
                    recorder.observed(invocation(Instant.now(), "blue", 200, 7_000));
                }
            }
            // at most the queue's capacity waits, plus one batch the held-up consumer took before it blocked
            assertThat(recorder.dropped()).as("dropped while the queue (%d) was full", capacity)
                    .isBetween((long) total - 2L * capacity, (long) total - capacity);
            recorder.flushNow();
            assertThat(recorder.recorded() + recorder.dropped()).isEqualTo(total);
            Instant now = clock.instant();
            MetricsResult result = new LocalMetricsSource(new LocalMetricsStore(tables, clock), clock).fetch(
                    new MetricQuery(endpoint, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(1)),
                            Duration.ofMinutes(1), null));
            assertThat(result.points(MetricSeries.INVOCATIONS).stream().mapToDouble(MetricPoint::value).sum())
                    .as("what was recorded is stored").isEqualTo(recorder.recorded());
        }
    }

    @Test
    void theStoredNumbersSurviveARestartOfTheDatabase() {
        String endpoint = endpoint();
        Instant minute = HOUR.plus(Duration.ofMinutes(45));
        MetricsRecorder recorder = new MetricsRecorder(new LocalMetricsStore(tables, CLOCK), endpoint,
                Duration.ofDays(15), CLOCK);
        recorder.record(new InvocationSample(minute, "blue", 200, 12_345, 100));
        recorder.flush();
        connection.close();
        connection = DynamoDbConnection.open(new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null),
                new AwsClients(AWS));
        tables = tablesOf(connection);

        MetricsResult result = new LocalMetricsSource(new LocalMetricsStore(tables, CLOCK), CLOCK).fetch(
                new MetricQuery(endpoint, minute, minute.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1), null));
        assertThat(value(result, MetricSeries.MODEL_LATENCY_AVERAGE)).isCloseTo(12.345, within(1e-9));
    }

    static RoutedInvocation invocation(Instant at, String variant, int status, long modelMicros) {
        return new RoutedInvocation(at, "ep", variant, "config-1", status, modelMicros, 200, "image/jpeg",
                new byte[0], "application/json", new byte[0]);
    }

    /** Nearest-rank percentile: the smallest value that at least p % of the values are at most. */
    static long exact(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static double value(MetricsResult result, MetricSeries series) {
        assertThat(result.points(series)).as("%s has exactly one point", series).hasSize(1);
        return result.points(series).getFirst().value();
    }

    private static String endpoint() {
        return "ep-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
