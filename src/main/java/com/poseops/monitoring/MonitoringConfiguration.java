package com.poseops.monitoring;

import com.poseops.endpoints.EndpointQueries;
import com.poseops.endpoints.VariantProcesses;
import com.poseops.monitoring.aws.CloudWatchMetricsSource;
import com.poseops.monitoring.aws.S3CapturedRequests;
import com.poseops.monitoring.local.LocalCaptureWriter;
import com.poseops.monitoring.local.LocalCapturedRequests;
import com.poseops.monitoring.local.InvocationRecorder;
import com.poseops.monitoring.local.LocalMetricsSource;
import com.poseops.monitoring.local.LocalMetricsStore;
import com.poseops.monitoring.local.MetricsItem;
import com.poseops.monitoring.local.MetricsRecorder;
import com.poseops.monitoring.local.ResourceSampler;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.DataCaptureSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.ModelMonitoringSettings;
import com.poseops.platform.config.MonitoringSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.platform.security.Authorization;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Monitoring feature: the service and the console's one refresher in both modes; local mode records the front
 * door's traffic and samples the variants' processes; aws mode reads CloudWatch.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    /** Declared in both modes, like every table, so that the CloudFormation template matches the code. */
    @Bean
    TableDefinition<MetricsItem> monitoringMetricsTable() {
        return LocalMetricsStore.TABLE;
    }

    @Bean
    MonitoringService monitoringService(MetricsSource source, ObjectProvider<EndpointQueries> endpoint,
            EndpointConfigSettings endpointConfig, ModelMonitoringSettings modelMonitoring, PoseOpsSettings settings,
            MonitoringSettings monitoring, Clock clock, Authorization authorization,
            ObjectProvider<InvocationRecorder> recorder, ObjectProvider<CapturedRequests> captures) {
        return new MonitoringService(source, () -> Optional.ofNullable(endpoint.getIfAvailable()),
                endpointConfig.endpointName(), modelMonitoring.threshold(), settings.mode(),
                monitoring.refreshInterval(), clock, authorization,
                () -> Optional.ofNullable(recorder.getIfAvailable()).map(InvocationRecorder::dropped).orElse(0L),
                () -> captures.getIfAvailable() == null ? 0L : captures.getObject().dropped());
    }

    /**
     * Also the Pose page's way to open a capture ({@link com.poseops.pose.CapturedPredictions}). aws: the S3 listing
     * is shared for a refresh interval by every page; local: the files are read each time (cheap, and a capture
     * shows at once).
     */
    @Bean
    CapturesService capturesService(CapturedRequests captures, Authorization authorization, Clock clock,
            MonitoringSettings monitoring, DataCaptureSettings dataCapture, PoseOpsSettings settings) {
        Duration freshFor = settings.mode() == Mode.AWS ? monitoring.refreshInterval().minusSeconds(1) : Duration.ZERO;
        return new CapturesService(captures, authorization, clock, freshFor, dataCapture.enableCapture(),
                dataCapture.initialSamplingPercentage());
    }

    @Bean(destroyMethod = "close")
    MonitoringRefresher monitoringRefresher(MonitoringService service, AuditLog audit,
            ApplicationEventPublisher publisher, Clock clock, MonitoringSettings monitoring) {
        return new MonitoringRefresher(service, audit, publisher::publishEvent, clock, monitoring.refreshInterval())
                .start();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean
        LocalMetricsStore localMetricsStore(DynamoDbTables tables, Clock clock) {
            return new LocalMetricsStore(tables, clock);
        }

        @Bean
        MetricsRecorder metricsRecorder(LocalMetricsStore store, EndpointConfigSettings endpointConfig,
                MonitoringSettings monitoring, Clock clock) {
            return new MetricsRecorder(store, endpointConfig.endpointName(), monitoring.retention(), clock);
        }

        /** An {@link com.poseops.endpoints.InvocationObserver}: the local front door tells it about every request. */
        @Bean(destroyMethod = "close")
        InvocationRecorder invocationRecorder(MetricsRecorder recorder, MonitoringSettings monitoring) {
            return new InvocationRecorder(recorder, monitoring.recordingQueueCapacity());
        }

        @Bean(destroyMethod = "close")
        ResourceSampler resourceSampler(ObjectProvider<VariantProcesses> processes, MetricsRecorder recorder,
                MonitoringSettings monitoring, Clock clock) {
            VariantProcesses current = () -> Optional.ofNullable(processes.getIfAvailable())
                    .map(VariantProcesses::pidsByVariant).orElse(Map.of());
            return new ResourceSampler(current, recorder, clock).start(monitoring.resourceSampleInterval());
        }

        /** Also an {@link com.poseops.endpoints.InvocationObserver}: captures a sample of the front door's requests. */
        @Bean(destroyMethod = "close")
        LocalCaptureWriter localCaptureWriter(PoseOpsSettings settings, S3Settings s3,
                EndpointConfigSettings endpointConfig, DataCaptureSettings dataCapture, MonitoringSettings monitoring) {
            return new LocalCaptureWriter(settings.dataDirectory().resolve(s3.dataCapture()),
                    endpointConfig.endpointName(), dataCapture.enableCapture(),
                    dataCapture.initialSamplingPercentage(), monitoring.captureQueueBytes());
        }

        @Bean
        CapturedRequests localCapturedRequests(LocalCaptureWriter writer, EndpointConfigSettings endpointConfig) {
            return new LocalCapturedRequests(writer, endpointConfig.endpointName());
        }

        @Bean
        MetricsSource localMetricsSource(LocalMetricsStore store, Clock clock) {
            return new LocalMetricsSource(store, clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "aws")
    static class Aws {

        @Bean(destroyMethod = "close")
        CloudWatchClient monitoringCloudWatchClient(AwsClients aws) {
            return aws.build(CloudWatchClient.builder()
                    .overrideConfiguration(c -> c
                            .apiCallTimeout(Duration.ofSeconds(30))
                            .apiCallAttemptTimeout(Duration.ofSeconds(10))
                            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                    .maxAttempts(4).build())));
        }

        @Bean(destroyMethod = "close")
        S3Client monitoringS3Client(AwsClients aws) {
            return aws.build(S3Client.builder());
        }

        @Bean
        CapturedRequests s3CapturedRequests(S3Client monitoringS3Client, S3Settings s3,
                EndpointConfigSettings endpointConfig, Clock clock) {
            return new S3CapturedRequests(monitoringS3Client, s3, endpointConfig.endpointName(), clock);
        }

        @Bean
        MetricsSource cloudWatchMetricsSource(CloudWatchClient monitoringCloudWatchClient, Clock clock) {
            return new CloudWatchMetricsSource(monitoringCloudWatchClient, clock);
        }
    }
}
