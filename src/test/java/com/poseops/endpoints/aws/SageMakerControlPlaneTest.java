package com.poseops.endpoints.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.DeploymentTarget;
import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.DataCaptureSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.testsupport.MotoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * {@link SageMakerControlPlane} against the moto server with PoseOps' deployment simulation
 * ({@code src/test/moto/poseops_moto/endpoints.py}). The simulated clock is stopped in every test and moved on by
 * hand, so each step of a deployment is looked at exactly, however loaded the machine is.
 */
class SageMakerControlPlaneTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    static final String ENDPOINT = "hp-prediction-endpoint";
    static final String ROLE = "arn:aws:iam::123456789012:role/poseops-sagemaker-execution";
    static final EndpointConfigSettings ENDPOINT_CONFIG = new EndpointConfigSettings("hp-prediction-model",
            "hp-prediction-config", ENDPOINT, ROLE, "hp-prediction-models");
    static final InferenceConfigSettings INFERENCE_CONFIG = new InferenceConfigSettings("hp-inferencing-container");
    static final DataCaptureSettings CAPTURE = new DataCaptureSettings(100, true);
    static final S3Settings S3 = new S3Settings("mlops-pipeline-hp-estimation", "inputdata/", "hp/", "realtime/",
            "prediction/", "model/", "endpoint/data_capture", "endpoint/tensors");
    static final List<RollbackAlarm> ALARMS = RollbackAlarm.define(ENDPOINT, 1.0, 0.05, 60);
    /** Linear, two steps of 50 %, 10 min bake each: Creating 120 s, then (10 s shift + 600 s bake) twice. */
    static final DeploymentPolicy LINEAR = new DeploymentPolicy(TrafficRouting.LINEAR, 50, 600, 0, 3600, true);
    static final DeploymentPolicy CANARY = new DeploymentPolicy(TrafficRouting.CANARY, 10, 600, 0, 3600, true);

    private SageMakerControlPlane controlPlane;
    private SageMakerClient sageMaker;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void setUp() {
        moto.reset();
        moto.stopDeploymentClock(); // defaults: 120 s to start a fleet, 10 s per traffic shift, 30 s to roll back
        controlPlane = new SageMakerControlPlane(moto.awsClients(), ENDPOINT_CONFIG, INFERENCE_CONFIG, CAPTURE, S3);
        sageMaker = moto.awsClients().build(SageMakerClient.builder());
        cloudWatch = moto.awsClients().build(CloudWatchClient.builder());
    }

    @AfterEach
    void tearDown() {
        controlPlane.close();
        sageMaker.close();
        cloudWatch.close();
    }

    @Test
    void theFirstDeployCreatesModelConfigurationAndEndpoint() {
        assertThat(controlPlane.describe()).isEmpty();

        String config = controlPlane.create(target(1));

        assertThat(config).matches("hp-prediction-config-v1-\\d{17}").hasSizeLessThanOrEqualTo(63);
        DescribeEndpointConfigResponse described = sageMaker.describeEndpointConfig(r -> r.endpointConfigName(config));
        ProductionVariant variant = described.productionVariants().getFirst();
        assertThat(described.productionVariants()).hasSize(1);
        assertThat(variant.variantName()).isEqualTo("AllTraffic");
        assertThat(variant.instanceTypeAsString()).isEqualTo("ml.m5.xlarge");
        assertThat(variant.initialInstanceCount()).isEqualTo(2);
        DataCaptureConfig capture = described.dataCaptureConfig();
        assertThat(capture.enableCapture()).isTrue();
        assertThat(capture.initialSamplingPercentage()).isEqualTo(100);
        assertThat(capture.destinationS3Uri()).isEqualTo("s3://mlops-pipeline-hp-estimation/endpoint/data_capture");
        assertThat(capture.captureOptions()).extracting(CaptureOption::captureMode)
                .containsExactlyInAnyOrder(CaptureMode.INPUT, CaptureMode.OUTPUT);

        DescribeModelResponse model = sageMaker.describeModel(r -> r.modelName(variant.modelName()));
        assertThat(variant.modelName()).matches("hp-prediction-model-v1-\\d{17}");
        assertThat(model.primaryContainer().image())
                .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/hp-inferencing-container:latest");
        assertThat(model.primaryContainer().modelDataUrl()).isEqualTo(artifact(1));
        assertThat(model.executionRoleArn()).isEqualTo(ROLE);
        assertThat(tags(model.modelArn())).containsEntry("poseops:model-version", "1")
                .containsEntry("poseops:model-sha256", sha(1));

        EndpointDescription endpoint = controlPlane.describe().orElseThrow();
        assertThat(endpoint.status()).isEqualTo(Status.IN_SERVICE);
        assertThat(endpoint.endpointConfigName()).isEqualTo(config);
        assertThat(endpoint.pendingDeployment()).isNull();
        Variant serving = endpoint.variants().getFirst();
        assertThat(serving.variantName()).isEqualTo("AllTraffic");
        assertThat(serving.model().version()).isEqualTo(1);
        assertThat(serving.model().artifactUri()).isEqualTo(artifact(1));
        assertThat(serving.model().sha256()).isEqualTo(sha(1));
        assertThat(serving.instanceType()).isEqualTo("ml.m5.xlarge");
        assertThat(serving.currentInstanceCount()).isEqualTo(2);
        assertThat(serving.currentWeight()).isEqualTo(1.0);
    }

    @Test
    void aLaterDeployIsBlueGreenStepByStepAndEndsOnTheNewConfiguration() {
        String blue = controlPlane.create(target(1));

        String green = controlPlane.update(target(2), LINEAR, ALARMS);

        assertThat(green).matches("hp-prediction-config-v2-\\d{17}").isNotEqualTo(blue);
        EndpointDescription creating = controlPlane.describe().orElseThrow();
        assertThat(creating.status()).isEqualTo(Status.UPDATING);
        assertThat(creating.endpointConfigName()).isEqualTo(blue);
        assertThat(creating.pendingDeployment().endpointConfigName()).isEqualTo(green);
        assertThat(pendingStatus(creating)).isEqualTo(VariantStatusCode.CREATING);
        assertThat(pendingVariant(creating).model().version()).isEqualTo(2);
        assertThat(pendingVariant(creating).currentWeight()).isZero();
        assertThat(creating.variants().getFirst().model().version()).isEqualTo(1);

        moto.advanceDeploymentClock(120);
        assertThat(pendingStatus(controlPlane.describe().orElseThrow())).isEqualTo(VariantStatusCode.ACTIVATING_TRAFFIC);

        moto.advanceDeploymentClock(10);
        EndpointDescription firstBake = controlPlane.describe().orElseThrow();
        assertThat(pendingStatus(firstBake)).isEqualTo(VariantStatusCode.BAKING);
        assertThat(pendingVariant(firstBake).statuses().getLast().message()).startsWith("Baking for 600 seconds");
        assertThat(pendingVariant(firstBake).currentWeight()).isEqualTo(0.5);
        assertThat(firstBake.variants().getFirst().currentWeight()).isEqualTo(0.5);

        moto.advanceDeploymentClock(610);
        EndpointDescription lastBake = controlPlane.describe().orElseThrow();
        assertThat(pendingStatus(lastBake)).isEqualTo(VariantStatusCode.BAKING);
        assertThat(pendingVariant(lastBake).currentWeight()).isEqualTo(1.0);
        assertThat(lastBake.variants().getFirst().currentWeight()).isZero();

        moto.advanceDeploymentClock(600);
        EndpointDescription done = controlPlane.describe().orElseThrow();
        assertThat(done.status()).isEqualTo(Status.IN_SERVICE);
        assertThat(done.endpointConfigName()).isEqualTo(green);
        assertThat(done.pendingDeployment()).isNull();
        assertThat(done.failureReason()).isNull();
        assertThat(done.variants().getFirst().model().version()).isEqualTo(2);

        DeploymentConfig deployment = sageMaker.describeEndpoint(r -> r.endpointName(ENDPOINT)).lastDeploymentConfig();
        var routing = deployment.blueGreenUpdatePolicy().trafficRoutingConfiguration();
        assertThat(routing.type()).isEqualTo(TrafficRoutingConfigType.LINEAR);
        assertThat(routing.linearStepSize().value()).isEqualTo(50);
        assertThat(routing.waitIntervalInSeconds()).isEqualTo(600);
        assertThat(deployment.blueGreenUpdatePolicy().maximumExecutionTimeoutInSeconds()).isEqualTo(3600);
        List<String> named = deployment.autoRollbackConfiguration().alarms().stream()
                .map(Alarm::alarmName).toList();
        assertThat(named).containsExactly("poseops-hp-prediction-endpoint-latency", "poseops-hp-prediction-endpoint-5xx");
        Map<String, MetricAlarm> alarms = cloudWatch.describeAlarms(r -> r.alarmNames(named)).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, alarm -> alarm));
        assertThat(alarms).containsOnlyKeys(named);
        MetricAlarm latency = alarms.get("poseops-hp-prediction-endpoint-latency");
        assertThat(latency.namespace()).isEqualTo("AWS/SageMaker");
        assertThat(latency.metricName()).isEqualTo("ModelLatency");
        assertThat(latency.statisticAsString()).isEqualTo("Average");
        assertThat(latency.threshold()).isEqualTo(1_000_000.0);
        assertThat(latency.comparisonOperatorAsString()).isEqualTo("GreaterThanThreshold");
        assertThat(latency.treatMissingData()).isEqualTo("notBreaching");
        assertThat(latency.dimensions()).extracting(d -> d.name() + "=" + d.value())
                .containsExactlyInAnyOrder("EndpointName=" + ENDPOINT, "VariantName=AllTraffic");
        MetricAlarm errors = alarms.get("poseops-hp-prediction-endpoint-5xx");
        assertThat(errors.metricName()).isEqualTo("Invocation5XXErrors");
        assertThat(errors.threshold()).isEqualTo(0.05);
    }

    @Test
    void anAlarmDuringBakingEndsSilentlyOnTheOldConfiguration() {
        String blue = controlPlane.create(target(1));
        String green = controlPlane.update(target(2), CANARY, ALARMS);
        moto.advanceDeploymentClock(130);
        assertThat(pendingStatus(controlPlane.describe().orElseThrow())).isEqualTo(VariantStatusCode.BAKING);

        cloudWatch.setAlarmState(r -> r.alarmName("poseops-hp-prediction-endpoint-latency").stateValue(StateValue.ALARM)
                .stateReason("latency over the threshold"));

        EndpointDescription rollingBack = controlPlane.describe().orElseThrow();
        assertThat(rollingBack.status()).isEqualTo(Status.UPDATING);
        assertThat(pendingVariant(rollingBack).currentWeight()).isZero();
        assertThat(rollingBack.variants().getFirst().currentWeight()).isEqualTo(1.0);
        moto.advanceDeploymentClock(30);
        EndpointDescription after = controlPlane.describe().orElseThrow();
        assertThat(after.status()).isEqualTo(Status.IN_SERVICE);
        assertThat(after.endpointConfigName()).isEqualTo(blue).isNotEqualTo(green);
        assertThat(after.failureReason()).isNull();
        assertThat(after.pendingDeployment()).isNull();
        assertThat(after.variants().getFirst().model().version()).isEqualTo(1);
    }

    @Test
    void anAbortSendsAllTrafficBackAndLeavesTheAlarmForTheNextDeploymentClear() {
        String blue = controlPlane.create(target(1));
        controlPlane.update(target(2), LINEAR, ALARMS);
        moto.advanceDeploymentClock(130);

        controlPlane.abortDeployment("alice: wrong model");

        assertThat(controlPlane.alarmStates(List.of(ALARMS.getFirst().name())))
                .containsEntry(ALARMS.getFirst().name(), RollbackAlarm.State.ALARM);
        assertThat(cloudWatch.describeAlarms(r -> r.alarmNames(ALARMS.getFirst().name())).metricAlarms().getFirst()
                .stateReason()).isEqualTo("PoseOps abort: alice: wrong model");
        moto.advanceDeploymentClock(30);
        EndpointDescription after = controlPlane.describe().orElseThrow();
        assertThat(after.status()).isEqualTo(Status.IN_SERVICE);
        assertThat(after.endpointConfigName()).isEqualTo(blue);
        // the abort is over: the alarm no longer says ALARM, so the next deployment is not rolled back by it
        assertThat(controlPlane.alarmStates(List.of(ALARMS.getFirst().name())))
                .containsEntry(ALARMS.getFirst().name(), RollbackAlarm.State.OK);

        String next = controlPlane.update(target(3), LINEAR, ALARMS);
        moto.advanceDeploymentClock(1500);
        assertThat(controlPlane.describe().orElseThrow().endpointConfigName()).isEqualTo(next);
    }

    @Test
    void anAbortBeforeBakingTakesEffectWhenBakingStarts() {
        String blue = controlPlane.create(target(1));
        controlPlane.update(target(2), LINEAR, ALARMS);
        moto.advanceDeploymentClock(60); // still starting the new fleet

        controlPlane.abortDeployment("bob");

        moto.advanceDeploymentClock(70 + 30);
        EndpointDescription after = controlPlane.describe().orElseThrow();
        assertThat(after.status()).isEqualTo(Status.IN_SERVICE);
        assertThat(after.endpointConfigName()).isEqualTo(blue);
    }

    @Test
    void anAbortIsRaisedAgainWhenCloudWatchHasEvaluatedTheAlarmBackBeforeBaking() {
        MutableClock clock = new MutableClock();
        try (SageMakerControlPlane ticking = new SageMakerControlPlane(moto.awsClients(), ENDPOINT_CONFIG,
                INFERENCE_CONFIG, CAPTURE, S3, AwsCalls.Limits.AWS, clock)) {
            String blue = ticking.create(target(1));
            ticking.update(target(2), LINEAR, ALARMS);
            ticking.abortDeployment("carol");
            // what CloudWatch does at its next evaluation of an alarm without breaching data
            cloudWatch.setAlarmState(r -> r.alarmName(ALARMS.getFirst().name()).stateValue(StateValue.OK)
                    .stateReason("Threshold Crossed: no datapoints were received"));

            clock.advance(DeploymentAborts.REASSERT_INTERVAL);
            ticking.describe(); // the poller's look raises the alarm again

            assertThat(ticking.alarmStates(List.of(ALARMS.getFirst().name())))
                    .containsEntry(ALARMS.getFirst().name(), RollbackAlarm.State.ALARM);
            moto.advanceDeploymentClock(130 + 30);
            EndpointDescription after = ticking.describe().orElseThrow();
            assertThat(after.status()).isEqualTo(Status.IN_SERVICE);
            assertThat(after.endpointConfigName()).isEqualTo(blue);
        }
    }

    @Test
    void abortingWithoutADeploymentDoesNothingAndWithoutAlarmsSaysWhy() {
        controlPlane.create(target(1));
        controlPlane.putAlarms(ALARMS);

        controlPlane.abortDeployment("nothing to abort");
        assertThat(controlPlane.alarmStates(ALARMS.stream().map(RollbackAlarm::name).toList()).values())
                .containsOnly(RollbackAlarm.State.OK);

        controlPlane.update(target(2), new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 600, 0, 3600, false),
                ALARMS);
        assertThatThrownBy(() -> controlPlane.abortDeployment("too late"))
                .isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("no rollback alarms")
                .hasMessageContaining("Roll back once it has finished");
        assertThat(sageMaker.describeEndpoint(r -> r.endpointName(ENDPOINT)).lastDeploymentConfig()
                .autoRollbackConfiguration()).isNull();
    }

    @Test
    void aRollbackUpdatesTheEndpointBackToAnExistingConfiguration() {
        String first = controlPlane.create(target(1));
        String second = controlPlane.update(target(2), LINEAR, ALARMS);
        moto.advanceDeploymentClock(1500);
        assertThat(controlPlane.describe().orElseThrow().endpointConfigName()).isEqualTo(second);

        controlPlane.updateTo(first, new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, true), ALARMS);

        EndpointDescription rollingBack = controlPlane.describe().orElseThrow();
        assertThat(rollingBack.status()).isEqualTo(Status.UPDATING);
        assertThat(rollingBack.pendingDeployment().endpointConfigName()).isEqualTo(first);
        moto.advanceDeploymentClock(130);
        EndpointDescription after = controlPlane.describe().orElseThrow();
        assertThat(after.status()).isEqualTo(Status.IN_SERVICE);
        assertThat(after.endpointConfigName()).isEqualTo(first);
        assertThat(after.variants().getFirst().model().version()).isEqualTo(1);
        assertThat(sageMaker.describeEndpoint(r -> r.endpointName(ENDPOINT)).lastDeploymentConfig()
                .blueGreenUpdatePolicy().trafficRoutingConfiguration().type())
                .isEqualTo(TrafficRoutingConfigType.ALL_AT_ONCE);
    }

    @Test
    void aRollbackToADeletedConfigurationSaysSo() {
        controlPlane.create(target(1));

        assertThatThrownBy(() -> controlPlane.updateTo("hp-prediction-config-v9-20260101000000000", LINEAR, ALARMS))
                .isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("no longer exists")
                .hasMessageContaining("deploy that version again");
    }

    @Test
    void aSecondUpdateWhileOneIsInProgressIsRefusedAndLeavesNothingBehind() {
        controlPlane.create(target(1));
        controlPlane.update(target(2), LINEAR, ALARMS);
        int configs = configNames().size();

        assertThatThrownBy(() -> controlPlane.update(target(3), LINEAR, ALARMS))
                .isInstanceOf(EndpointBusyException.class)
                .hasMessageContaining("Updating")
                .hasMessageContaining("wait until it is InService");
        assertThat(configNames()).hasSize(configs);
        assertThatThrownBy(() -> controlPlane.create(target(3))).isInstanceOf(EndpointBusyException.class)
                .hasMessageContaining("exists already");
    }

    @Test
    void aDeploymentLongerThanItsMaximumExecutionTimeIsRolledBackWithAReason() {
        moto.deploymentClock(Map.of("provisioning_seconds", 900));
        String blue = controlPlane.create(target(1));
        controlPlane.update(target(2), new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 60, 0, 600, true), ALARMS);

        moto.advanceDeploymentClock(600 + 30);

        EndpointDescription after = controlPlane.describe().orElseThrow();
        assertThat(after.status()).isEqualTo(Status.IN_SERVICE);
        assertThat(after.endpointConfigName()).isEqualTo(blue);
        assertThat(after.failureReason()).contains("MaximumExecutionTimeoutInSeconds");
    }

    @Test
    void cleanupDeletesOldConfigurationsAndModelsButNeverOneThatIsKeptServingOrRollingOut() {
        sageMaker.createModel(r -> r.modelName("someone-elses-model").executionRoleArn(ROLE)
                .primaryContainer(c -> c.image("x").modelDataUrl("s3://b/m.tar.gz")));
        sageMaker.createEndpointConfig(r -> r.endpointConfigName("hp-prediction-config-by-hand")
                .productionVariants(v -> v.variantName("AllTraffic").modelName("someone-elses-model")
                        .instanceType("ml.m5.xlarge").initialInstanceCount(1)));
        String first = controlPlane.create(target(1));
        String second = deployAndFinish(2);
        String third = deployAndFinish(3);
        String fourth = controlPlane.update(target(4), LINEAR, ALARMS); // in progress
        String firstModel = modelOf(first);

        controlPlane.deleteConfigsExcept(List.of(second));

        assertThat(configNames()).containsExactlyInAnyOrder("hp-prediction-config-by-hand", second, third, fourth);
        assertThat(modelNames()).doesNotContain(firstModel)
                .contains("someone-elses-model", modelOf(second), modelOf(third), modelOf(fourth));
        moto.advanceDeploymentClock(1500);
        assertThat(controlPlane.describe().orElseThrow().endpointConfigName()).isEqualTo(fourth);
    }

    @Test
    void theInvocationUrlIsSageMakerRuntimesOrTheOverrides() {
        assertThat(controlPlane.invocationUrl())
                .isEqualTo(moto.endpoint().resolve("/endpoints/" + ENDPOINT + "/invocations"));
        assertThat(SageMakerControlPlane.invocationUrl(new AwsClients(
                new AwsSettings("ap-south-1", "", false, "")), ENDPOINT))
                .isEqualTo(URI.create("https://runtime.sagemaker.ap-south-1.amazonaws.com/endpoints/" + ENDPOINT
                        + "/invocations"));
        assertThat(SageMakerControlPlane.invocationUrl(new AwsClients(
                new AwsSettings("cn-north-1", "", false, "")), ENDPOINT).getHost())
                .isEqualTo("runtime.sagemaker.cn-north-1.amazonaws.com.cn");
    }

    // ---- helpers ----

    /** A clock the test moves on by hand. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-29T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private String deployAndFinish(int version) {
        String config = controlPlane.update(target(version), LINEAR, ALARMS);
        moto.advanceDeploymentClock(1500);
        assertThat(controlPlane.describe().orElseThrow().endpointConfigName()).isEqualTo(config);
        return config;
    }

    static DeploymentTarget target(int version) {
        return new DeploymentTarget(version, artifact(version), sha(version), "ml.m5.xlarge", 2);
    }

    static String artifact(int version) {
        return "s3://mlops-pipeline-hp-estimation/model/v" + version + "/model.tar.gz";
    }

    static String sha(int version) {
        return String.valueOf(version).repeat(64);
    }

    private static Variant pendingVariant(EndpointDescription endpoint) {
        assertThat(endpoint.pendingDeployment()).as("a deployment in progress").isNotNull();
        return endpoint.pendingDeployment().variants().getFirst();
    }

    private static VariantStatusCode pendingStatus(EndpointDescription endpoint) {
        return pendingVariant(endpoint).statuses().getLast().status();
    }

    private Map<String, String> tags(String arn) {
        return sageMaker.listTags(r -> r.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private List<String> configNames() {
        return sageMaker.listEndpointConfigs(r -> r.maxResults(100)).endpointConfigs().stream()
                .map(EndpointConfigSummary::endpointConfigName).toList();
    }

    private List<String> modelNames() {
        return sageMaker.listModels(r -> r.maxResults(100)).models().stream()
                .map(ModelSummary::modelName).toList();
    }

    private String modelOf(String config) {
        return sageMaker.describeEndpointConfig(r -> r.endpointConfigName(config)).productionVariants().getFirst()
                .modelName();
    }
}
