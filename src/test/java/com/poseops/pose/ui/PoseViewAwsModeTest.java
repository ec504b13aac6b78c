package com.poseops.pose.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.EndpointRuntime;
import com.poseops.inference.TestData;
import com.poseops.pose.EndpointClient;
import com.poseops.pose.PoseService;
import com.poseops.pose.UploadBlobStore;
import com.poseops.pose.UploadRecord;
import com.poseops.pose.aws.S3UploadBlobStore;
import com.poseops.pose.aws.SageMakerEndpointClient;
import com.poseops.testsupport.MotoServer;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.upload.Upload;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Pose page in aws mode against a moto server: the console is wired to SageMaker Runtime and S3, says how the
 * endpoint is checked, and with no endpoint deployed keeps the upload in S3 and says what to do.
 */
@SpringBootTest(properties = {
        "PoseOps.mode=aws",
        "PoseOps.dataDir=target/test-data/aws-mode-context",
        "Aws.createResources=true",
        "Aws.region=us-east-1",
        "Aws.tablePrefix=poseops-aws-test-",
        "Security.adminPassword=test-admin-password"})
class PoseViewAwsModeTest extends SpringBrowserlessTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    @DynamicPropertySource
    static void aws(DynamicPropertyRegistry registry) {
        registry.add("Aws.endpoint", () -> moto.endpoint().toString());
    }

    @Autowired
    EndpointClient endpointClient;
    @Autowired
    UploadBlobStore blobs;
    @Autowired
    ObjectProvider<EndpointRuntime> runtime;
    @Autowired
    PoseService service;
    @Autowired
    S3Client poseS3Client;

    @Test
    @WithMockUser(username = "aws-viewer", roles = "VIEWER")
    void withoutADeployedEndpointTheUploadIsKeptInS3AndThePageSaysWhatToDo() throws Exception {
        assertThat(endpointClient).isInstanceOf(SageMakerEndpointClient.class);
        assertThat(blobs).isInstanceOf(S3UploadBlobStore.class);
        assertThat(runtime.getIfAvailable()).as("no local endpoint in aws mode").isNull();
        poseS3Client.createBucket(b -> b.bucket("mlops-pipeline-hp-estimation"));

        PoseView view = navigate("pose", PoseView.class);
        assertThat(find(com.vaadin.flow.component.html.Span.class).withId("endpoint-status").single().getText())
                .isEqualTo("SageMaker endpoint hp-prediction-endpoint — its status is checked with each request.");
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        test(find(Upload.class).withId("pose-upload").single()).upload("image2.jpeg", "image/jpeg", jpeg);
        roundTrip();

        assertThat(view.errorMessage()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("No endpoint is serving yet").contains("deploy a version on the Endpoints page"));
        @SuppressWarnings("unchecked")
        Grid<UploadRecord> history = find(Grid.class).withId("pose-history").single();
        UploadRecord kept = test(history).getRow(0);
        assertThat(kept.fileName()).isEqualTo("image2.jpeg");
        assertThat(kept.predicted()).isFalse();
        assertThat(service.image(kept)).as("the image, read back from S3").hasValue(jpeg);
        assertThat(poseS3Client.listObjectsV2(r -> r.bucket("mlops-pipeline-hp-estimation").prefix("realtime/uploads/"))
                .contents()).as("objects under S3Config.realtimeS3Prefix").isNotEmpty();
    }
}
