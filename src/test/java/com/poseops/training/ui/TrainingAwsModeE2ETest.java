package com.poseops.training.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.inference.training.LabelledSets;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.MotoServer;
import com.poseops.testsupport.PackagedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;

/**
 * The packaged console in aws mode against moto with PoseOps' training extension: a job started in the browser is a
 * CreateTrainingJob with the configured image, the trainer's metric definitions, the hyperparameters and the datasets
 * and model version as S3 channels; its curves come from CloudWatch; the completed job's artifact becomes a model
 * package pointing at the job's own S3 output; Stop stops a job in progress.
 */
class TrainingAwsModeE2ETest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static PackagedApp app;

    @RegisterExtension
    final Browser browser = new Browser();

    @TempDir
    Path temp;

    @BeforeAll
    static void startConsole() throws Exception {
        String config = """
                Evaluation:
                  imagesDir: "%s"
                Training:
                  pollSeconds: 1
                Security:
                  users:
                    - username: %s
                      passwordHash: "{bcrypt}%s"
                      roles: [DEPLOYER]
                """.formatted(TestData.sharedDir().resolve("testdata/pose/tensorflow-examples").toAbsolutePath()
                .normalize(), TrainingE2ETest.DEPLOYER, new BCryptPasswordEncoder().encode(
                TrainingE2ETest.DEPLOYER_PASSWORD));
        app = PackagedApp.withAdminPassword("e2e-admin-Pw-9").withConfig(config)
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
    void aJobStartedInTheBrowserIsASageMakerJobWhoseArtifactBecomesAModelPackageAndStopWorks() throws Exception {
        TrainingPages pages = new TrainingPages(browser, app);
        signIn(browser, app, TrainingE2ETest.DEPLOYER, TrainingE2ETest.DEPLOYER_PASSWORD);
        pages.uploadDataset(Files.write(temp.resolve("train.zip"), LabelledSets.zip(LabelledSets.IMAGE1,
                LabelledSets.SQUAT)), "train");
        pages.uploadDataset(Files.write(temp.resolve("holdout.zip"), LabelledSets.zip(LabelledSets.IMAGE2)), "holdout");
        ModelsPage models = new ModelsPage(browser, app).open();
        models.register(TestData.lightningInt8Model(), "Lightning int8 in aws mode");
        models.awaitEvaluation();

        String job = pages.startJob("calibrate in SageMaker", "train", "holdout", "Version 1", Map.of("epochs", "3"));

        try (SageMakerClient sageMaker = moto.awsClients().build(SageMakerClient.builder())) {
            DescribeTrainingJobResponse created = sageMaker.describeTrainingJob(r -> r.trainingJobName(job));
            assertThat(created.algorithmSpecification().trainingImage())
                    .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/hp-inferencing-container:latest");
            assertThat(created.algorithmSpecification().metricDefinitions()).extracting(d -> d.name() + " " + d.regex())
                    .containsExactlyElementsOf(TrainerMetrics.DEFINITIONS.stream().map(d -> d.name() + " " + d.regex())
                            .toList());
            assertThat(created.hyperParameters()).containsEntry("epochs", "3").containsEntry("correct_within", "0.2");
            assertThat(created.inputDataConfig()).extracting(Channel::channelName)
                    .containsExactly("train", "validation", "model");
            assertThat(created.inputDataConfig().getFirst().dataSource().s3DataSource().s3Uri())
                    .startsWith("s3://mlops-pipeline-hp-estimation/inputdata/datasets/ds-");
            String version1Artifact = describeVersion(sageMaker, 1).inferenceSpecification().containers().getFirst()
                    .modelDataUrl();
            assertThat(created.inputDataConfig().getLast().dataSource().s3DataSource().s3Uri())
                    .isEqualTo(version1Artifact);
            assertThat(created.resourceConfig().instanceTypeAsString()).isEqualTo("ml.m5.large");

            assertThat(pages.awaitStatus(List.of("Completed", "Failed", "Stopped"))).isEqualTo("Completed");
            Integer curve = browser.waitFor("the curves from CloudWatch", driver -> {
                int points = pages.points("curve-loss", TrainerMetrics.VALIDATION_LOSS);
                return points == 4 ? points : null;
            });
            assertThat(curve).as("epochs 0..3 of validation:loss").isEqualTo(4);
            browser.waitFor("the produced version", Duration.ofSeconds(120),
                    driver -> driver.findElement(By.id("job-version-link")));
            String artifact = sageMaker.describeTrainingJob(r -> r.trainingJobName(job)).modelArtifacts()
                    .s3ModelArtifacts();
            DescribeModelPackageResponse version2 = describeVersion(sageMaker, 2);
            assertThat(version2.inferenceSpecification().containers().getFirst().modelDataUrl())
                    .as("the job's S3 output, not a copy").isEqualTo(artifact);
            assertThat(version2.customerMetadataProperties()).containsEntry("poseops.trainingJob", job)
                    .containsEntry("poseops.registeredBy", TrainingE2ETest.DEPLOYER);

            String longJob = pages.startJob("to be stopped", "train", "holdout", "Version 1", Map.of("epochs", "25"));
            browser.waitFor("the job to train", Duration.ofSeconds(60), driver -> browser.js("""
                    const badge = document.querySelector('#job-status .training-status');
                    return badge && badge.getAttribute('data-secondary-status') === 'Training';
                    """));
            browser.driver().findElement(By.id("stop-training")).click();
            assertThat(pages.awaitStatus(List.of("Stopped", "Completed", "Failed"))).isEqualTo("Stopped");
            assertThat(sageMaker.describeTrainingJob(r -> r.trainingJobName(longJob)).trainingJobStatusAsString())
                    .isEqualTo("Stopped");
        }
    }

    private static DescribeModelPackageResponse describeVersion(SageMakerClient sageMaker, int version) {
        ModelPackageSummary summary = sageMaker.listModelPackages(r -> r.modelPackageGroupName("hp-prediction-models"))
                .modelPackageSummaryList().stream().filter(s -> s.modelPackageVersion() == version).findFirst()
                .orElseThrow();
        return sageMaker.describeModelPackage(r -> r.modelPackageName(summary.modelPackageArn()));
    }
}
