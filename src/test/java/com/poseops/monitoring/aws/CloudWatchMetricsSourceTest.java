package com.poseops.monitoring.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.poseops.monitoring.MetricPoint;
import com.poseops.monitoring.MetricQuery;
import com.poseops.monitoring.MetricSeries;
import com.poseops.monitoring.MetricsResult;
import com.poseops.monitoring.MetricsUnavailableException;
import com.poseops.monitoring.MonitoringRefresher;
import com.poseops.monitoring.MonitoringRequest;
import com.poseops.monitoring.MonitoringService;
import com.poseops.monitoring.MonitoringSnapshot;
import com.poseops.monitoring.TimeRange;
import com.poseops.monitoring.Violation;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.Mode;
import com.poseops.platform.events.LatencyViolation;
import com.poseops.platform.events.PoseOpsEvent;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableProvisioner;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.poseops.testsupport.MotoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * aws mode's metrics against moto's CloudWatch (with PoseOps' percentile extension): what SageMaker would publish is
 * put with PutMetricData as raw values with counts, and the series read back must be exactly what was put (µs → ms),
 * in one GetMetricData request per view, shared by every open page.
 */
class CloudWatchMetricsSourceTest {

    @RegisterExtension
    static MotoServer moto = new MotoServer();

    private final AtomicInteger getMetricDataCalls = new AtomicInteger();
    private CloudWatchClient cloudWatch;
    private String endpoint;
    /** A whole minute some minutes ago: CloudWatch's data points are at the start of their period. */
    private final Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));

    @BeforeEach
    void client() {
        endpoint = "ep-" + UUID.randomUUID().toString().substring(0, 8);
        cloudWatch = moto.awsClients().build(CloudWatchClient.builder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if ("GetMetricData".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                            getMetricDataCalls.incrementAndGet();
                        }
                    }
                })));
    }

    @AfterEach
    void close() {
        cloudWatch.close();
    }

    @Test
    void thePercentilesAveragesAndCountsShownAreTheValuesPutInMilliseconds() {
        // 100 requests: 50 at 12 ms, 40 at 20 ms, 9 at 45 ms, 1 at 250 ms (SageMaker publishes microseconds)
        putValues("AWS/SageMaker", "ModelLatency", StandardUnit.MICROSECONDS, minute.plusSeconds(5),
                List.of(12_000.0, 20_000.0, 45_000.0, 250_000.0), List.of(50.0, 40.0, 9.0, 1.0));
        putValues("AWS/SageMaker", "OverheadLatency", StandardUnit.MICROSECONDS, minute.plusSeconds(5),
                List.of(900.0, 1_500.0), List.of(95.0, 5.0));
        putValues("AWS/SageMaker", "Invocations", StandardUnit.NONE, minute.plusSeconds(5), List.of(1.0), List.of(100.0));
        putValues("AWS/SageMaker", "Invocation4XXErrors", StandardUnit.NONE, minute.plusSeconds(5),
                List.of(0.0, 1.0), List.of(97.0, 3.0));
        putValues("AWS/SageMaker", "Invocation5XXErrors", StandardUnit.NONE, minute.plusSeconds(5),
                List.of(0.0, 1.0), List.of(99.0, 1.0));
        putValues("/aws/sagemaker/Endpoints", "CPUUtilization", StandardUnit.PERCENT, minute.plusSeconds(5),
                List.of(150.0, 170.0), List.of(1.0, 1.0));
        putValues("/aws/sagemaker/Endpoints", "MemoryUtilization", StandardUnit.PERCENT, minute.plusSeconds(5),
                List.of(31.5), List.of(1.0));
        putValues("/aws/sagemaker/Endpoints", "DiskUtilization", StandardUnit.PERCENT, minute.plusSeconds(5),
                List.of(12.25), List.of(1.0));
        CloudWatchMetricsSource source = new CloudWatchMetricsSource(cloudWatch, Clock.systemUTC());

        MetricsResult result = source.fetch(new MetricQuery(endpoint, minute.minus(Duration.ofMinutes(5)),
                minute.plus(Duration.ofMinutes(5)), Duration.ofMinutes(1), null));

        assertThat(getMetricDataCalls).as("one GetMetricData request for every series").hasValue(1);
        assertThat(result.variants()).containsExactly("AllTraffic");
        assertThat(only(result, MetricSeries.MODEL_LATENCY_P50)).isEqualTo(new MetricPoint(minute, 12.0));
        assertThat(only(result, MetricSeries.MODEL_LATENCY_P90).value()).isEqualTo(20.0);
        assertThat(only(result, MetricSeries.MODEL_LATENCY_P99).value()).isEqualTo(45.0);
        assertThat(only(result, MetricSeries.MODEL_LATENCY_AVERAGE).value())
                .isCloseTo((50 * 12 + 40 * 20 + 9 * 45 + 250) / 100.0, within(1e-9));
        assertThat(only(result, MetricSeries.OVERHEAD_LATENCY_P50).value()).isEqualTo(0.9);
        assertThat(only(result, MetricSeries.OVERHEAD_LATENCY_P99).value()).isEqualTo(1.5);
        assertThat(only(result, MetricSeries.INVOCATIONS).value()).isEqualTo(100.0);
        assertThat(only(result, MetricSeries.ERRORS_4XX).value()).isEqualTo(3.0);
        assertThat(only(result, MetricSeries.ERRORS_5XX).value()).isEqualTo(1.0);
        assertThat(only(result, MetricSeries.CPU_UTILIZATION).value()).isEqualTo(160.0);
        assertThat(only(result, MetricSeries.MEMORY_UTILIZATION).value()).isEqualTo(31.5);
        assertThat(only(result, MetricSeries.DISK_UTILIZATION).value()).isEqualTo(12.25);
        assertThat(result.minuteLatency()).singleElement().satisfies(m -> {
            assertThat(m.minute()).isEqualTo(minute);
            assertThat(m.averageMillis()).isCloseTo(20.55, within(1e-9));
        });
    }

    @Test
    void pagesShowingTheSameRangeShareOneRequestPerRefreshAndAViolationIsListedAndAudited() {
        putValues("AWS/SageMaker", "ModelLatency", StandardUnit.MICROSECONDS, minute.plusSeconds(5),
                List.of(1_400_000.0), List.of(10.0)); // 1.4 s, above a 1 s threshold
        putValues("AWS/SageMaker", "Invocations", StandardUnit.NONE, minute.plusSeconds(5), List.of(1.0), List.of(10.0));
        CloudWatchMetricsSource source = new CloudWatchMetricsSource(cloudWatch, Clock.systemUTC());
        AuditLog audit = auditLogInMoto();
        MonitoringService service = new MonitoringService(source, Optional::empty, endpoint, 1.0, Mode.AWS,
                Duration.ofSeconds(30), Clock.systemUTC(), null, () -> 0, () -> 0);
        List<PoseOpsEvent> events = new CopyOnWriteArrayList<>();
        MonitoringRefresher refresher = new MonitoringRefresher(service, audit, events::add, Clock.systemUTC(),
                Duration.ofSeconds(30));
        List<MonitoringSnapshot> pushed = new CopyOnWriteArrayList<>();
        List<Violation> announced = new CopyOnWriteArrayList<>();
        refresher.onViolation(announced::add);
        for (int page = 0; page < 5; page++) {
            refresher.watch(MonitoringRequest.last(TimeRange.LAST_HOUR, null), pushed::add);
        }
        refresher.watch(MonitoringRequest.last(TimeRange.LAST_15_MINUTES, null), pushed::add);

        getMetricDataCalls.set(0);
        refresher.refresh();

        assertThat(pushed).hasSize(6);
        assertThat(getMetricDataCalls).as("two distinct views (1 h, 15 min) → two requests, whatever the pages")
                .hasValue(2);
        MonitoringSnapshot hour = pushed.getFirst();
        assertThat(hour.violations()).singleElement().satisfies(v -> {
            assertThat(v.start()).isEqualTo(minute);
            assertThat(v.end()).isEqualTo(minute.plus(Duration.ofMinutes(1)));
            assertThat(v.peakMillis()).isEqualTo(1400.0);
        });
        assertThat(announced).as("the new violation, announced once").hasSize(1);
        assertThat(audit.history("endpoint/" + endpoint + "/violation/" + minute, 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo("monitoring.violation");
                    assertThat(e.actor()).isEqualTo("poseops");
                    assertThat(e.comment()).contains("1400 ms above the threshold 1000 ms");
                });

        assertThat(events).as("published once for the notification centre").singleElement()
                .isInstanceOfSatisfying(LatencyViolation.class, e -> {
                    assertThat(e.endpointName()).isEqualTo(endpoint);
                    assertThat(e.start()).isEqualTo(minute);
                    assertThat(e.peakSeconds()).isEqualTo(1.4);
                    assertThat(e.thresholdSeconds()).isEqualTo(1.0);
                    assertThat(e.variant()).as("the whole endpoint").isNull();
                });

        getMetricDataCalls.set(0);
        refresher.refresh(); // within the refresh interval: the cached results, and no second announcement
        assertThat(announced).hasSize(1);
        MonitoringRefresher afterRestart = new MonitoringRefresher(service, audit, events::add, Clock.systemUTC(),
                Duration.ofSeconds(30));
        afterRestart.refresh(); // a new refresher (a restart): the audit log says it was announced
        assertThat(events).as("not again while the same violation lasts, nor after a restart").hasSize(1);
    }

    @Test
    void aNewEndpointsFirstMinuteShowsAtTheNextFetchNotMinutesLater() {
        CloudWatchMetricsSource source = new CloudWatchMetricsSource(cloudWatch, Clock.systemUTC());
        MetricQuery query = new MetricQuery(endpoint, minute.minus(Duration.ofMinutes(5)),
                minute.plus(Duration.ofMinutes(5)), Duration.ofMinutes(1), null);
        assertThat(source.fetch(query).variants()).as("no metrics yet").isEmpty();

        putValues("AWS/SageMaker", "Invocations", StandardUnit.NONE, minute.plusSeconds(5), List.of(1.0), List.of(7.0));

        assertThat(only(source.fetch(query), MetricSeries.INVOCATIONS).value()).isEqualTo(7.0);
    }

    @Test
    void cloudWatchNotAnsweringIsAnErrorAPersonCanActOnNotAStaleSuccess() {
        CloudWatchClient unreachable = CloudWatchClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))
                .endpointOverride(URI.create("http://127.0.0.1:" + com.poseops.inference.TestPorts.freeLoopbackPort()))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)))
                .build();
        CloudWatchMetricsSource source = new CloudWatchMetricsSource(unreachable, Clock.systemUTC());
        assertThatThrownBy(() -> source.fetch(new MetricQuery(endpoint, minute, minute.plus(Duration.ofHours(1)),
                Duration.ofMinutes(1), "AllTraffic")))
                .isInstanceOf(MetricsUnavailableException.class)
                .hasMessageStartingWith("CloudWatch could not be reached after several tries")
                .hasMessageContaining("check the network");
    }

    private void putValues(String namespace, String metric, StandardUnit unit, Instant at, List<Double> values,
            List<Double> counts) {
        cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(MetricDatum.builder()
                .metricName(metric)
                .dimensions(Dimension.builder().name("EndpointName").value(endpoint).build(),
                        Dimension.builder().name("VariantName").value("AllTraffic").build())
                .timestamp(at)
                .unit(unit)
                .values(values)
                .counts(counts)
                .build()));
    }

    /** The audit log on moto's DynamoDB (aws mode keeps it in DynamoDB too). */
    private static AuditLog auditLogInMoto() {
        DynamoDbClient dynamoDb = moto.awsClients().build(DynamoDbClient.builder());
        DynamoDbTables tables = new DynamoDbTables(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(),
                moto.awsSettings(true), List.of(AuditLog.TABLE));
        new TableProvisioner(dynamoDb, tables).createMissing();
        return new AuditLog(tables, Clock.systemUTC());
    }

    private static MetricPoint only(MetricsResult result, MetricSeries series) {
        assertThat(result.points(series)).as(series.name()).hasSize(1);
        return result.points(series).getFirst();
    }

}
