package com.poseops.datasets;

import com.poseops.datasets.aws.S3DatasetFiles;
import com.poseops.datasets.local.LocalDatasetFiles;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.platform.security.Authorization;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
class DatasetsConfiguration {

    @Bean
    TableDefinition<DatasetItem> datasetsTable() {
        return DatasetCatalog.TABLE;
    }

    @Bean
    DatasetCatalog datasetCatalog(DynamoDbTables tables) {
        return new DatasetCatalog(tables);
    }

    @Bean
    DatasetService datasetService(DatasetCatalog catalog, DatasetFiles files, Authorization authorization,
            AuditLog auditLog, Clock clock) {
        return new DatasetService(catalog, files, authorization, auditLog, clock);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean
        DatasetFiles localDatasetFiles(PoseOpsSettings settings) {
            return new LocalDatasetFiles(settings.dataDirectory());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "aws")
    static class Aws {

        @Bean(destroyMethod = "close")
        S3DatasetFiles s3DatasetFiles(AwsClients aws, AwsSettings awsSettings, S3Settings settings) {
            return new S3DatasetFiles(aws.build(S3Client.builder()), settings, aws.region(),
                    awsSettings.createResources());
        }
    }
}
