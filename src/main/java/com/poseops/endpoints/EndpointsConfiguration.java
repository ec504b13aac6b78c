package com.poseops.endpoints;

import com.poseops.endpoints.aws.SageMakerEndpointInvoker;
import com.poseops.endpoints.local.FrontDoorInvoker;
import com.poseops.endpoints.local.LocalControlPlane;
import com.poseops.endpoints.local.LocalEndpointItem;
import com.poseops.endpoints.local.OfficialModelDownload;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.ConfigFileException;
import com.poseops.platform.config.DeploymentSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InstanceSettings;
import com.poseops.platform.config.LocalEndpointSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.ModelMonitoringSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.platform.security.Authorization;
import com.poseops.registry.RegistryService;
import com.poseops.registry.ServingModel;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The endpoints feature: the service, the one poller and the history (both modes); local mode's control plane with
 * its front door and the invoker that goes through it; aws mode's SageMaker Runtime invoker. aws mode's control plane
 * (SageMaker) is wired by {@code EndpointsAwsConfiguration}. The endpoint is brought up once the application is ready,
 * so the sign-in page comes up at once and pages show the endpoint coming up.
 */
@Configuration(proxyBeanMethods = false)
class EndpointsConfiguration {

    @Bean
    TableDefinition<DeploymentItem> endpointDeploymentsTable() {
        return DeploymentHistory.TABLE;
    }

    @Bean
    TableDefinition<DeploymentLockItem> endpointLocksTable() {
        return DeploymentLock.TABLE;
    }

    @Bean
    DeploymentHistory deploymentHistory(DynamoDbTables tables) {
        return new DeploymentHistory(tables);
    }

    @Bean
    DeploymentLock deploymentLock(DynamoDbTables tables) {
        return new DeploymentLock(tables);
    }

    @Bean(destroyMethod = "close")
    EndpointMonitor endpointMonitor(EndpointControlPlane controlPlane, DeploymentHistory history, DeploymentLock lock,
            AuditLog auditLog, ApplicationEventPublisher events, ModelMonitoringSettings monitoring,
            DeploymentSettings deployment, PoseOpsSettings settings, Clock clock) {
        return new EndpointMonitor(controlPlane, history, lock, auditLog, events,
                RollbackAlarm.define(controlPlane.endpointName(), monitoring.threshold(),
                        deployment.errorRateThreshold(), deployment.alarmPeriodSeconds()),
                settings.mode() == Mode.AWS ? EndpointMonitor.PollIntervals.AWS : EndpointMonitor.PollIntervals.LOCAL,
                clock);
    }

    @Bean
    EndpointService endpointService(EndpointControlPlane controlPlane, EndpointMonitor monitor,
            DeploymentHistory history, DeploymentLock lock, RegistryService registry, InstanceSettings instance,
            Authorization authorization, AuditLog auditLog, Clock clock) {
        return new EndpointService(controlPlane, monitor, history, lock, registry, instance, authorization, auditLog,
                clock);
    }

    /** Registry's port for "what serves now", answered from the one poller. */
    @Bean
    ServingModel servingModel(EndpointMonitor monitor) {
        return new EndpointServingModel(monitor);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> endpointMonitorStarter(EndpointMonitor monitor) {
        return ready -> monitor.start();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean
        TableDefinition<LocalEndpointItem> localEndpointsTable() {
            return LocalControlPlane.TABLE;
        }

        @Bean(destroyMethod = "close")
        LocalControlPlane localControlPlane(PoseOpsSettings settings, EndpointConfigSettings endpoint,
                InstanceSettings instance, LocalEndpointSettings localEndpoint, DynamoDbTables tables,
                ObjectProvider<InvocationObserver> observers, Clock clock) {
            return LocalControlPlane.create(new LocalControlPlane.Settings(endpoint.endpointName(),
                            endpoint.endpointConfigName(), endpoint.modelName(), instance.instanceType(),
                            instance.instanceCount(), Runtime.getRuntime().availableProcessors()),
                    tables, settings.modelFile(), settings.dataDirectory(), OfficialModelDownload.fromTfHub(),
                    localEndpoint.port(), observersOnceReady(observers), clock);
        }

        @Bean
        FrontDoorInvoker frontDoorInvoker(LocalControlPlane controlPlane) {
            return new FrontDoorInvoker(controlPlane);
        }

        /** A front door that cannot bind its port stops the start with one line naming the key, like a bad value. */
        @Bean
        ApplicationListener<ApplicationReadyEvent> localEndpointStarter(LocalControlPlane controlPlane,
                LocalEndpointSettings localEndpoint) {
            return ready -> {
                try {
                    controlPlane.start();
                } catch (IOException e) {
                    throw new ConfigFileException("LocalEndpoint.port = " + localEndpoint.port() + ": "
                            + e.getMessage());
                }
            };
        }

        /** The observers, looked up once (the front door opens after every bean exists), not per request. */
        private static Supplier<List<InvocationObserver>> observersOnceReady(
                ObjectProvider<InvocationObserver> observers) {
            return new Supplier<>() {
                private volatile List<InvocationObserver> resolved;

                @Override
                public List<InvocationObserver> get() {
                    List<InvocationObserver> known = resolved;
                    if (known == null) {
                        known = observers.orderedStream().toList();
                        resolved = known;
                    }
                    return known;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "aws")
    static class Aws {

        @Bean(destroyMethod = "close")
        SageMakerEndpointInvoker sageMakerEndpointInvoker(AwsClients aws, EndpointConfigSettings endpointConfig) {
            return new SageMakerEndpointInvoker(aws, endpointConfig);
        }
    }
}
