package com.poseops.pose;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.EndpointRuntime;
import com.poseops.inference.TestData;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableProvisioner;
import com.poseops.platform.security.Authorization;
import com.poseops.pose.aws.S3UploadBlobStore;
import com.poseops.pose.aws.SageMakerEndpointClient;
import com.poseops.testsupport.MotoServer;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The pose feature's aws-mode wiring ({@link PoseConfiguration} with {@code PoseOps.mode=aws}) against a moto server:
 * SageMaker Runtime and S3 adapters, no local endpoint, and with no endpoint deployed the upload is kept in S3 and
 * indexed in DynamoDB with a message that says what to do.
 */
class PoseServiceAwsModeTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final EndpointConfigSettings ENDPOINT = new EndpointConfigSettings("hp-prediction-model",
            "hp-prediction-config", "hp-prediction-endpoint",
            "arn:aws:iam::123456789012:role/poseops-sagemaker-execution", "hp-prediction-models");
    private static final S3Settings S3 = new S3Settings("poseops-aws-test", "inputdata/", "hp/", "realtime/",
            "prediction/", "model/", "endpoint/data_capture", "endpoint/tensors");

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void withoutADeployedEndpointTheUploadIsKeptInS3AndIndexed() throws Exception {
        moto.reset();
        AwsClients aws = moto.awsClients();
        DynamoDbClient dynamoDb = aws.build(DynamoDbClient.builder());
        DynamoDbTables tables = new DynamoDbTables(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(),
                moto.awsSettings(true), List.of(UploadHistory.TABLE, AuditLog.TABLE));
        new TableProvisioner(dynamoDb, tables).createMissing();
        AuditLog auditLog = new AuditLog(tables, Clock.systemUTC());
        try (S3Client s3 = aws.build(S3Client.builder())) {
            s3.createBucket(b -> b.bucket(S3.bucketName()));
            new ApplicationContextRunner()
                    .withPropertyValues("PoseOps.mode=aws")
                    .withBean(DynamoDbTables.class, () -> tables)
                    .withBean(AuditLog.class, () -> auditLog)
                    .withBean(Authorization.class, () -> new Authorization(auditLog))
                    .withBean(Clock.class, Clock::systemUTC)
                    .withBean(AwsClients.class, () -> aws)
                    .withBean(EndpointConfigSettings.class, () -> ENDPOINT)
                    .withBean(S3Settings.class, () -> S3)
                    .withBean(PoseOpsSettings.class, () -> new PoseOpsSettings(Mode.AWS, "target/test-data/aws", null))
                    .withUserConfiguration(PoseConfiguration.class)
                    .run(context -> {
                        assertThat(context).hasSingleBean(PoseService.class);
                        assertThat(context.getBean(EndpointClient.class)).isInstanceOf(SageMakerEndpointClient.class);
                        assertThat(context.getBean(UploadBlobStore.class)).isInstanceOf(S3UploadBlobStore.class);
                        assertThat(context.getBeanProvider(EndpointRuntime.class).getIfAvailable()).isNull();

                        PoseService service = context.getBean(PoseService.class);
                        SecurityContextHolder.getContext().setAuthentication(
                                new TestingAuthenticationToken("aws-viewer", "n/a", "ROLE_VIEWER"));
                        assertThat(service.endpointStatus()).as("aws mode has no local status").isEmpty();
                        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));

                        PoseOutcome outcome = service.predict(jpeg, "image2.jpeg");

                        assertThat(outcome.succeeded()).isFalse();
                        assertThat(outcome.failure()).isEqualTo(EndpointException.Reason.NOT_DEPLOYED);
                        assertThat(outcome.error()).startsWith("No endpoint is serving yet")
                                .contains("deploy a version on the Endpoints page");
                        UploadRecord kept = service.recent().getFirst();
                        assertThat(kept.id()).isEqualTo(outcome.upload().id());
                        assertThat(kept.error()).isEqualTo(outcome.error());
                        assertThat(service.image(kept)).as("the image read back from S3").hasValue(jpeg);
                        assertThat(s3.listObjectsV2(r -> r.bucket(S3.bucketName()).prefix("realtime/uploads/"))
                                .contents()).as("objects under S3Config.realtimeS3Prefix").hasSize(1);
                        assertThat(auditLog.history("upload/" + kept.id(), 5)).extracting(AuditEntry::outcome)
                                .containsExactly(AuditEntry.Outcome.FAILURE);
                    });
        }
    }
}
