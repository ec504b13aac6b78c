package com.poseops.registry.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.inference.TestData;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.ModelRegistry;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.Registrations;
import com.poseops.registry.RegistryService;
import com.poseops.registry.ServingModel;
import com.poseops.endpoints.EndpointMonitor;
import com.poseops.registry.VersionAlreadyDecidedException;
import com.poseops.testsupport.AwsModeSpringTest;
import com.poseops.testsupport.Users;
import com.poseops.testsupport.MotoServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.security.access.AccessDeniedException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;

/**
 * The console in aws mode against a moto server (SageMaker, S3 and DynamoDB): registering and approving through the
 * service leaves the model package Approved with the user and the comment in its ApprovalDescription, the
 * evaluation's metrics in its CustomerMetadataProperties, and the serving model found through the endpoint.
 */
@TestPropertySource(properties = {
        "PoseOps.dataDir=target/test-data/aws-mode",
        "Aws.tablePrefix=poseops-aws-"})
class AwsModeRegistryTest extends AwsModeSpringTest {

    @Autowired
    RegistryService service;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ServingModel serving;

    @Autowired
    EndpointMonitor endpointMonitor;

    @Test
    void registerAndApproveLeaveThePackageApprovedWithUserAndCommentAndTheMetricsInItsMetadata() throws Exception {
        assertThat(registry).isInstanceOf(SageMakerModelRegistry.class);
        ModelVersion version = Users.as("dora", Role.DEPLOYER, () -> service.register(TestData.lightningInt8Model(),
                "movenet_singlepose_lightning_int8_4.tflite", "Lightning int8 in aws mode"));
        assertThat(version.id()).startsWith("arn:aws:sagemaker:us-east-1:" + MotoServer.ACCOUNT_ID + ":model-package/");
        assertThat(version.artifactUri()).startsWith("s3://mlops-pipeline-hp-estimation/model/")
                .endsWith("/model.tar.gz");
        Registrations.awaitMetrics(service, version.version());

        assertThatThrownBy(() -> Users.as("vera", Role.VIEWER,
                () -> service.decide(version.version(), ApprovalStatus.APPROVED, "me too")))
                .isInstanceOf(AccessDeniedException.class);
        Users.as("alice", Role.APPROVER, () -> service.decide(version.version(), ApprovalStatus.APPROVED, "good PCK"));
        assertThatThrownBy(() -> Users.as("bob", Role.APPROVER,
                () -> service.decide(version.version(), ApprovalStatus.REJECTED, "too late")))
                .isInstanceOf(VersionAlreadyDecidedException.class).hasMessageContaining("by alice at");

        try (SageMakerClient sageMaker = moto.awsClients().build(SageMakerClient.builder())) {
            DescribeModelPackageResponse described =
                    sageMaker.describeModelPackage(r -> r.modelPackageName(version.id()));
            assertThat(described.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
            assertThat(described.approvalDescription()).isEqualTo("approved by alice: good PCK");
            assertThat(described.customerMetadataProperties())
                    .containsKey("metric." + EvaluationReport.MAX_ERROR)
                    .containsEntry("poseops.registeredBy", "dora");
            assertThat(described.modelPackageDescription()).isEqualTo("Lightning int8 in aws mode");
        }
        assertThat(service.history(version.version())).extracting(AuditEntry::actor, AuditEntry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("alice", Outcome.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("vera", Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple("bob", Outcome.FAILURE));
    }

    @Test
    void theServingModelIsFoundThroughTheEndpointAndItsMetricsBecomeTheBaseline() throws Exception {
        assertThat(serving.current()).as("no endpoint yet").isEmpty();
        ModelVersion version = Registrations.register(service, "dora", "to be served");
        Registrations.awaitMetrics(service, version.version());
        serveOnTheEndpoint(version.artifactUri());
        endpointMonitor.refreshNow(); // the poller looks every 30 s when nothing goes on; a test does not wait that long
        ServingModel.Served served = awaitServed();
        assertThat(served.artifactUri()).isEqualTo(version.artifactUri());
        RegistryService.Baseline baseline = service.servingBaseline().orElseThrow();
        assertThat(baseline.version()).isEqualTo(version.version());
        assertThat(baseline.metrics()).containsKey(EvaluationReport.PCK);
    }

    private ServingModel.Served awaitServed() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            java.util.Optional<ServingModel.Served> served = serving.current();
            if (served.isPresent()) {
                return served.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the poller did not see the endpoint: " + endpointMonitor.current());
    }
}
