package com.poseops.registry;

import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.EvaluationSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.platform.security.Authorization;
import com.poseops.registry.aws.SageMakerModelRegistry;
import com.poseops.registry.local.LocalModelRegistry;
import com.poseops.registry.local.ModelVersionItem;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    TableDefinition<DecisionItem> modelDecisionsTable() {
        return DecisionLedger.TABLE;
    }

    @Bean
    TableDefinition<EvaluationItem> modelEvaluationsTable() {
        return EvaluationStore.TABLE;
    }

    @Bean
    DecisionLedger decisionLedger(DynamoDbTables tables) {
        return new DecisionLedger(tables);
    }

    @Bean
    EvaluationStore evaluationStore(DynamoDbTables tables) {
        return new EvaluationStore(tables);
    }

    @Bean
    RegistryService registryService(ModelRegistry registry, EndpointConfigSettings endpointConfig,
            DecisionLedger ledger, EvaluationStore evaluations, EvaluationSettings evaluationSettings,
            ServingModel serving, Authorization authorization, AuditLog auditLog, Clock clock,
            ApplicationEventPublisher events) {
        return new RegistryService(registry, endpointConfig.modelPackageGroupName(), ledger, evaluations,
                new ModelEvaluator(), evaluationSettings, serving, authorization, auditLog, clock, events);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean
        TableDefinition<ModelVersionItem> modelVersionsTable() {
            return LocalModelRegistry.TABLE;
        }

        @Bean
        LocalModelRegistry modelRegistry(DynamoDbTables tables, EndpointConfigSettings endpointConfig,
                PoseOpsSettings settings, Clock clock) {
            return new LocalModelRegistry(tables, endpointConfig.modelPackageGroupName(),
                    settings.dataDirectory().resolve("models").resolve("registry"), clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "aws")
    static class Aws {

        @Bean
        SageMakerModelRegistry modelRegistry(AwsClients aws, AwsSettings awsSettings,
                EndpointConfigSettings endpointConfig, InferenceConfigSettings inferenceConfig, S3Settings s3) {
            return new SageMakerModelRegistry(aws, awsSettings, endpointConfig, inferenceConfig, s3);
        }
    }
}
