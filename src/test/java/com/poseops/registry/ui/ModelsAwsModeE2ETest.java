package com.poseops.registry.ui;

import static com.poseops.testsupport.ConsoleUi.awaitSignInPage;
import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.MotoServer;
import com.poseops.testsupport.PackagedApp;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;

/**
 * The packaged console in aws mode pointed at a moto server (POSEOPS_MODE=aws, POSEOPS_AWS_ENDPOINT, as the README
 * describes): registering and accepting a version in the UI leaves the model package Approved in moto, with the user
 * and the comment in its ApprovalDescription.
 */
class ModelsAwsModeE2ETest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static PackagedApp app;

    @RegisterExtension
    final Browser browser = new Browser();

    @BeforeAll
    static void startConsole() throws Exception {
        // moto's port is known only now, so the console is started here rather than as an extension
        app = PackagedApp.withAdminPassword("e2e-admin-Pw-6").withConfig(ModelsE2ETest.config(false))
                .withEnvironment("POSEOPS_MODE", "aws")
                .withEnvironment("POSEOPS_AWS_ENDPOINT", moto.endpoint().toString())
                .withEnvironment("POSEOPS_AWS_CREATE_RESOURCES", "true")
                .withEnvironment("AWS_REGION", MotoServer.REGION)
                .withoutDynamoDbLocal();
        app.start();
    }

    @AfterAll
    static void stopConsole() throws Exception {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void registeringAndAcceptingInTheUiLeavesThePackageApprovedInMoto() throws Exception {
        signIn(browser, app, ModelsE2ETest.DEPLOYER, ModelsE2ETest.DEPLOYER_PASSWORD);
        ModelsPage page = new ModelsPage(browser, app).open();
        page.register(TestData.lightningInt8Model(), "Lightning int8 in aws mode");
        browser.waitFor("the new version's detail panel", driver -> page.text("detail-title").equals("Version 1"));
        assertThat(page.awaitEvaluation()).startsWith("Evaluated on 2 images of Evaluation.imagesDir ");
        List<String> row = page.firstRowWithMetrics();
        assertThat(row).contains("v1", ModelsE2ETest.DEPLOYER, "Pending");
        assertThat(page.text("version-metadata")).contains("arn:aws:sagemaker:us-east-1:")
                .contains("s3://mlops-pipeline-hp-estimation/model/");

        browser.driver().findElement(By.id("sign-out")).click();
        awaitSignInPage(browser, "after the deployer signs out");
        signIn(browser, app, ModelsE2ETest.APPROVER, ModelsE2ETest.APPROVER_PASSWORD);
        page.open();
        page.select(1);
        page.accept(ModelsE2ETest.COMMENT);

        try (SageMakerClient sageMaker = moto.awsClients().build(SageMakerClient.builder())) {
            List<ModelPackageSummary> packages =
                    sageMaker.listModelPackages(r -> r.modelPackageGroupName("hp-prediction-models"))
                            .modelPackageSummaryList();
            assertThat(packages).hasSize(1);
            DescribeModelPackageResponse described =
                    sageMaker.describeModelPackage(r -> r.modelPackageName(packages.getFirst().modelPackageArn()));
            assertThat(described.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
            assertThat(described.approvalDescription())
                    .isEqualTo("approved by " + ModelsE2ETest.APPROVER + ": " + ModelsE2ETest.COMMENT);
            assertThat(described.customerMetadataProperties()).containsKey("metric.maxErrorPx");
        }
    }
}
