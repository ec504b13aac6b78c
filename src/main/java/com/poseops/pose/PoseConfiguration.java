package com.poseops.pose;

import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.EndpointQueries;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.platform.security.Authorization;
import com.poseops.pose.aws.S3UploadBlobStore;
import com.poseops.pose.local.FileUploadBlobStore;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Pose page's service; the endpoint is the endpoints feature's ({@link EndpointInvoker}, {@link EndpointQueries}),
 * uploads are files (local mode) or S3 objects (aws mode).
 */
@Configuration(proxyBeanMethods = false)
class PoseConfiguration {

    @Bean
    TableDefinition<UploadItem> poseUploadsTable() {
        return UploadHistory.TABLE;
    }

    @Bean
    UploadHistory uploadHistory(DynamoDbTables tables) {
        return new UploadHistory(tables);
    }

    @Bean
    PoseService poseService(EndpointInvoker endpoint, UploadBlobStore blobs, UploadHistory history,
            Authorization authorization, AuditLog audit, Clock clock, EndpointQueries endpointQueries,
            ImageWorkBudget imageWork) {
        return new PoseService(endpoint, blobs, history, authorization, audit, clock, endpointQueries, imageWork);
    }

    /** One budget for every decode and drawing of an upload or a capture (decision 0053). */
    @Bean
    ImageWorkBudget imageWorkBudget() {
        return ImageWorkBudget.forConsole();
    }

    @Bean
    CaptureViewer captureViewer(ObjectProvider<CapturedPredictions> captures, Authorization authorization,
            ImageWorkBudget imageWork) {
        return new CaptureViewer(() -> java.util.Optional.ofNullable(captures.getIfAvailable()), authorization,
                imageWork);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    static class Local {

        @Bean
        UploadBlobStore fileUploadBlobStore(DataDirectory dataDirectory) {
            return new FileUploadBlobStore(dataDirectory);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "aws")
    static class Aws {

        @Bean(destroyMethod = "close")
        S3Client poseS3Client(AwsClients aws) {
            return aws.build(S3Client.builder());
        }

        @Bean
        UploadBlobStore s3UploadBlobStore(S3Client poseS3Client, S3Settings settings) {
            return new S3UploadBlobStore(poseS3Client, settings);
        }
    }
}
