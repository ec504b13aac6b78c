package com.poseops.pose;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.EndpointQueries;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.aws.SageMakerEndpointInvoker;
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
 * the S3 adapter, SageMaker Runtime through the endpoints feature's invoker, and with no endpoint deployed the upload
 * is kept in S3 and indexed in DynamoDB with a message that says what to do.
 */
class PoseServiceAwsModeTest {

    /** The endpoints feature's poller as it sees an account without the endpoint (this test is about pose). */
    private static EndpointQueries noEndpointYet(AwsClients aws) {
        EndpointSnapshot none = new EndpointSnapshot(ENDPOINT.endpointName(), null, null, java.time.Instant.now(),
                null, java.net.URI.create("https://runtime.sagemaker." + aws.region().id() + ".amazonaws.com"));
        return new EndpointQueries() {
            public EndpointSnapshot current() {
                return none;
            }

            public Runnable onChange(java.util.function.Consumer<EndpointSnapshot> listener) {
                return () -> { };
            }

            public java.util.List<com.poseops.endpoints.Deployment> deployments(java.time.Instant from,
                    java.time.Instant to) {
                return java.util.List.of();
            }

            public java.util.Optional<com.poseops.endpoints.ServedModel> servingModel() {
                return java.util.Optional.empty();
            }

            public java.util.List<com.poseops.endpoints.RollbackAlarm> rollbackAlarms() {
                return java.util.List.of();
            }

            public java.util.Map<String, com.poseops.endpoints.RollbackAlarm.State> alarmStates() {
                return java.util.Map.of();
            }
        };
    }

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
                    .withBean(EndpointInvoker.class, () -> new SageMakerEndpointInvoker(aws, ENDPOINT))
                    .withBean(EndpointQueries.class, () -> noEndpointYet(aws))
                    .withUserConfiguration(PoseConfiguration.class)
                    .run(context -> {
                        assertThat(context).hasSingleBean(PoseService.class);
                        assertThat(context.getBean(UploadBlobStore.class)).isInstanceOf(S3UploadBlobStore.class);

                        PoseService service = context.getBean(PoseService.class);
                        SecurityContextHolder.getContext().setAuthentication(
                                new TestingAuthenticationToken("aws-viewer", "n/a", "ROLE_VIEWER"));
                        assertThat(service.endpoint().exists()).as("the poller's view: no endpoint").isFalse();
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
