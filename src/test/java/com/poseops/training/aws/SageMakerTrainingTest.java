package com.poseops.training.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.inference.calibration.CalibrationFile;
import com.poseops.inference.tools.ModelArchive;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.inference.training.TrainingPaths;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.config.TrainingSettings;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.TrainedModel;
import com.poseops.registry.aws.SageMakerModelRegistry;
import com.poseops.training.JobChannel;
import com.poseops.training.JobProgress;
import com.poseops.training.MetricPoint;
import com.poseops.training.StatusTransition;
import com.poseops.training.TrainingBackend;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingStatus;
import com.poseops.testsupport.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;

/**
 * {@link SageMakerTraining} against moto with PoseOps' training extension (src/test/moto/poseops_moto/training.py):
 * what CreateTrainingJob carries, the in-progress phase and its curves from CloudWatch, Stop, and a completed job's
 * artifact registered as a model package that points at the job's own S3 output.
 */
class SageMakerTrainingTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String BUCKET = "mlops-pipeline-hp-estimation";
    private static final String ROLE = "arn:aws:iam::123456789012:role/poseops-sagemaker-execution";
    private static final S3Settings S3 = new S3Settings(BUCKET, "inputdata/", "hp/", "realtime/", "prediction/",
            "model/", "endpoint/data_capture", "endpoint/tensors");
    private static final EndpointConfigSettings ENDPOINT = new EndpointConfigSettings("hp-prediction-model",
            "hp-prediction-config", "hp-prediction-endpoint", ROLE, "hp-prediction-models");
    private static final InferenceConfigSettings INFERENCE = new InferenceConfigSettings("hp-inferencing-container");
    private static final TrainingSettings SETTINGS = new TrainingSettings("", "", "ml.m5.large", 1, 10, 3600, List.of(),
            1, 20, 10);

    @TempDir
    Path temp;

    private SageMakerTraining training;
    private SageMakerClient sageMaker;
    private S3Client s3;
    private String modelUri;

    @BeforeEach
    void setUp() throws Exception {
        moto.reset();
        training = new SageMakerTraining(moto.awsClients(), SETTINGS, S3, ENDPOINT, INFERENCE);
        sageMaker = moto.awsClients().build(SageMakerClient.builder());
        s3 = moto.awsClients().build(S3Client.builder());
        s3.createBucket(r -> r.bucket(BUCKET));
        Path archive = temp.resolve("model.tar.gz");
        ModelArchive.write(TestData.lightningInt8Model(), archive);
        s3.putObject(r -> r.bucket(BUCKET).key("model/v1/model.tar.gz"), RequestBody.fromFile(archive));
        s3.putObject(r -> r.bucket(BUCKET).key("inputdata/datasets/ds-train/labels.csv"), RequestBody.fromString("x"));
        modelUri = "s3://" + BUCKET + "/model/v1/model.tar.gz";
    }

    @AfterEach
    void tearDown() {
        training.close();
        sageMaker.close();
        s3.close();
    }

    private TrainingJob job(String epochs) {
        return new TrainingJob("poseops-test-" + UUID.randomUUID().toString().substring(0, 8), "dora", "why not",
                Instant.now(), Map.of("epochs", epochs, "augmentations", "2"),
                List.of(new JobChannel(TrainingPaths.TRAIN, "ds-train", "train", "s3://" + BUCKET
                                + "/inputdata/datasets/ds-train/"),
                        new JobChannel(TrainingPaths.MODEL, null, "version 1", modelUri)),
                "ml.m5.xlarge", 1800, TrainerMetrics.DEFINITIONS,
                new JobProgress(TrainingStatus.IN_PROGRESS, "Starting", List.of(), Map.of(), null, null, null, null),
                List.of(), null, null);
    }

    @Test
    void aJobIsCreatedWithTheImageMetricDefinitionsHyperparametersAndChannelsAndCompletesWithCurvesAndAnArtifact()
            throws Exception {
        TrainingJob job = job("3");

        training.start(job);

        DescribeTrainingJobResponse created = sageMaker.describeTrainingJob(r -> r.trainingJobName(job.name()));
        assertThat(created.algorithmSpecification().trainingImage())
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/hp-inferencing-container:latest");
        assertThat(created.algorithmSpecification().metricDefinitions())
                .extracting(d -> d.name() + " " + d.regex())
                .containsExactlyElementsOf(TrainerMetrics.DEFINITIONS.stream().map(d -> d.name() + " " + d.regex())
                        .toList());
        assertThat(created.hyperParameters()).containsExactlyInAnyOrderEntriesOf(job.hyperparameters());
        assertThat(created.inputDataConfig()).extracting(c -> c.channelName() + " " + c.dataSource().s3DataSource().s3Uri())
                .containsExactly("train s3://" + BUCKET + "/inputdata/datasets/ds-train/", "model " + modelUri);
        assertThat(created.outputDataConfig().s3OutputPath()).isEqualTo("s3://" + BUCKET + "/model/training/");
        assertThat(created.resourceConfig().instanceTypeAsString()).isEqualTo("ml.m5.xlarge");
        assertThat(created.stoppingCondition().maxRuntimeInSeconds()).isEqualTo(1800);
        assertThat(created.roleArn()).isEqualTo(ROLE);
        assertThat(training.describe(job).orElseThrow().status()).as("in progress at first")
                .isEqualTo(TrainingStatus.IN_PROGRESS);

        JobProgress done = await(job, "completed", p -> p.status() == TrainingStatus.COMPLETED);

        assertThat(done.transitions()).extracting(StatusTransition::status)
                .containsExactly("Starting", "Downloading", "Training", "Uploading", "Completed");
        assertThat(done.artifact()).isEqualTo("s3://" + BUCKET + "/model/training/" + job.name()
                + "/output/model.tar.gz");
        assertThat(done.finalMetrics()).containsKeys(TrainerMetrics.VALIDATION_ECE, TrainerMetrics.HELD_OUT_ECE_AFTER);
        List<MetricPoint> curves = training.metrics(job.withProgress(done, List.of()));
        assertThat(curves).filteredOn(p -> p.metric().equals(TrainerMetrics.VALIDATION_LOSS))
                .extracting(MetricPoint::index).containsExactly(0, 1, 2, 3);
        assertThat(curves).filteredOn(p -> p.metric().equals(TrainerMetrics.VALIDATION_LOSS))
                .extracting(MetricPoint::value).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        // The artifact is registered as it is in S3: the model package points at the job's output.
        try (SageMakerModelRegistry registry = new SageMakerModelRegistry(moto.awsClients(),
                new AwsSettings(MotoServer.REGION, moto.endpoint().toString(), true, "test-"), ENDPOINT, INFERENCE, S3)) {
            ModelVersion version = registry.registerTrained(new TrainedModel(job.name(), done.artifact(),
                    "calibration by " + job.name(), "dora", null));
            DescribeModelPackageResponse described = sageMaker.describeModelPackage(r -> r.modelPackageName(version.id()));
            assertThat(described.inferenceSpecification().containers().getFirst().modelDataUrl())
                    .isEqualTo(done.artifact());
            assertThat(version.sourceJob()).isEqualTo(job.name());
            assertThat(version.registeredBy()).isEqualTo("dora");
            Path fetched = registry.fetch(version.version(), temp.resolve("fetched"));
            assertThat(Files.readAllBytes(fetched)).isEqualTo(Files.readAllBytes(TestData.lightningInt8Model()));
            assertThat(CalibrationFile.read(fetched.resolveSibling(CalibrationFile.FILE_NAME)).calibration().a())
                    .hasSize(17);
        }
    }

    @Test
    void stopEndsAJobInProgress() throws Exception {
        TrainingJob job = job("25");
        training.start(job);
        await(job, "training", p -> p.secondaryStatus().equals("Training"));

        training.stop(job);

        assertThat(training.describe(job).orElseThrow().status()).isIn(TrainingStatus.STOPPING, TrainingStatus.STOPPED);
        JobProgress stopped = await(job, "stopped", p -> p.status() == TrainingStatus.STOPPED);
        assertThat(stopped.secondaryStatus()).isEqualTo("Stopped");
        assertThat(stopped.artifact()).isNull();
    }

    @Test
    void listingPagesThroughEveryJob() {
        TrainingJob first = job("25");
        TrainingJob second = job("25");
        training.start(first);
        training.start(second);

        List<TrainingBackend.JobSummary> jobs = training.list(10);

        assertThat(jobs).extracting(TrainingBackend.JobSummary::name).contains(first.name(), second.name());
        assertThat(jobs).allSatisfy(j -> assertThat(j.status()).isEqualTo(TrainingStatus.IN_PROGRESS));
    }

    private JobProgress await(TrainingJob job, String what, Predicate<JobProgress> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JobProgress last = null;
        while (System.nanoTime() < deadline) {
            last = training.describe(job).orElseThrow();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + job.name() + " never " + what + "; last " + last);
    }
}
