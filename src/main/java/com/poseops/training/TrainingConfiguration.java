package com.poseops.training;

import com.poseops.datasets.DatasetService;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.config.TrainingSettings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.platform.security.Authorization;
import com.poseops.registry.RegistryService;
import com.poseops.training.aws.SageMakerTraining;
import com.poseops.training.local.LocalTrainingRunner;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    @Bean
    TableDefinition<TrainingJobItem> trainingJobsTable() {
        return TrainingJobStore.TABLE;
    }

    @Bean
    TrainingJobStore trainingJobStore(DynamoDbTables tables) {
        return new TrainingJobStore(tables);
    }

    @Bean(destroyMethod = "close")
    TrainingMonitor trainingMonitor(TrainingJobStore store, TrainingBackend backend, TrainingSettings settings,
            Clock clock) {
        // Local jobs report their own changes (the runner nudges the monitor); a slow safety net is enough there.
        Duration interval = backend.runsLocally() ? Duration.ofSeconds(Math.max(5, settings.pollSeconds()))
                : settings.pollInterval();
        TrainingMonitor monitor = new TrainingMonitor(store, backend, interval, clock);
        if (backend instanceof LocalTrainingRunner runner) {
            runner.onChange(monitor::nudge);
        }
        return monitor;
    }

    @Bean(destroyMethod = "close")
    TrainingService trainingService(TrainingJobStore store, TrainingBackend backend, TrainingMonitor monitor,
            DatasetService datasets, RegistryService registry, TrainingSettings settings,
            Authorization authorization, AuditLog auditLog, Clock clock, ApplicationEventPublisher events) {
        return new TrainingService(store, backend, monitor, datasets, registry, settings, authorization, auditLog,
                clock, events);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean(destroyMethod = "close")
        LocalTrainingRunner localTrainingRunner(TrainingJobStore store, PoseOpsSettings poseOps,
                TrainingSettings settings, Clock clock) {
            LocalTrainingRunner runner = new LocalTrainingRunner(store, poseOps.dataDirectory(),
                    settings.localCommand(), settings.localConcurrentJobs(), settings.stopGrace(), clock);
            runner.recoverAfterRestart();
            return runner;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "aws")
    static class Aws {

        @Bean(destroyMethod = "close")
        SageMakerTraining sageMakerTraining(AwsClients aws, TrainingSettings settings, S3Settings s3,
                EndpointConfigSettings endpointConfig, InferenceConfigSettings inferenceConfig) {
            return new SageMakerTraining(aws, settings, s3, endpointConfig, inferenceConfig);
        }
    }
}
