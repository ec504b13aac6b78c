package com.poseops.endpoints.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.DeploymentTarget;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.platform.aws.InferenceImage;
import com.poseops.platform.config.DataCaptureSettings;
import com.poseops.platform.config.S3Settings;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

class SageMakerRequestsTest {

    private static final List<RollbackAlarm> ALARMS = RollbackAlarm.define("ep", 0.5, 0.05, 60);

    @Test
    void canaryLinearAndAllAtOnceBecomeSageMakersTrafficRouting() {
        TrafficRoutingConfig canary = routing(new DeploymentPolicy(TrafficRouting.CANARY, 10, 300, 60, 1200, true));
        assertThat(canary.type()).isEqualTo(TrafficRoutingConfigType.CANARY);
        assertThat(canary.canarySize().type()).isEqualTo(CapacitySizeType.CAPACITY_PERCENT);
        assertThat(canary.canarySize().value()).isEqualTo(10);
        assertThat(canary.waitIntervalInSeconds()).isEqualTo(300);
        assertThat(canary.linearStepSize()).isNull();

        TrafficRoutingConfig linear = routing(new DeploymentPolicy(TrafficRouting.LINEAR, 25, 60, 0, 600, true));
        assertThat(linear.type()).isEqualTo(TrafficRoutingConfigType.LINEAR);
        assertThat(linear.linearStepSize().value()).isEqualTo(25);
        assertThat(linear.canarySize()).isNull();

        TrafficRoutingConfig allAtOnce = routing(new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, true));
        assertThat(allAtOnce.type()).isEqualTo(TrafficRoutingConfigType.ALL_AT_ONCE);
        assertThat(allAtOnce.canarySize()).isNull();
        assertThat(allAtOnce.linearStepSize()).isNull();
    }

    @Test
    void waitsAndAlarmsGoWhereSageMakerReadsThem() {
        DeploymentConfig config = SageMakerRequests.deploymentConfig(
                new DeploymentPolicy(TrafficRouting.CANARY, 10, 300, 60, 1200, true), ALARMS);

        assertThat(config.blueGreenUpdatePolicy().terminationWaitInSeconds()).isEqualTo(60);
        assertThat(config.blueGreenUpdatePolicy().maximumExecutionTimeoutInSeconds()).isEqualTo(1200);
        assertThat(config.autoRollbackConfiguration().alarms()).extracting(a -> a.alarmName())
                .containsExactly("poseops-ep-latency", "poseops-ep-5xx");
    }

    @Test
    void withoutAutomaticRollbackNoAlarmIsNamed() {
        DeploymentConfig config = SageMakerRequests.deploymentConfig(
                new DeploymentPolicy(TrafficRouting.LINEAR, 50, 60, 0, 600, false), ALARMS);

        assertThat(config.autoRollbackConfiguration()).isNull();
    }

    @Test
    void captureGoesUnderTheConfiguredPrefixAndOnlyWhenEnabled() {
        DeploymentTarget target = new DeploymentTarget(4, "s3://b/model/x/model.tar.gz", null, "ml.c5.large", 1);
        assertThat(requests(true, "endpoint/data_capture/").dataCapture().destinationS3Uri())
                .isEqualTo("s3://bucket-name/endpoint/data_capture");
        assertThat(requests(true, "").captureDestination()).isEqualTo("s3://bucket-name");
        assertThat(requests(false, "endpoint/data_capture").createEndpointConfig("c", "m", target)
                .dataCaptureConfig()).isNull();
        assertThat(requests(true, "endpoint/data_capture").createEndpointConfig("c", "m", target)
                .dataCaptureConfig().captureContentTypeHeader().jsonContentTypes()).containsExactly("application/json");
    }

    @Test
    void aModelWithoutAKnownChecksumIsTaggedWithItsVersionOnly() {
        CreateModelRequest request = requests(true, "").createModel("m",
                new DeploymentTarget(4, "s3://b/model/x/model.tar.gz", null, "ml.c5.large", 1));

        assertThat(request.tags()).extracting(Tag::key, Tag::value).containsExactly(
                tuple("poseops:model-version", "4"));
        assertThat(request.primaryContainer().image())
                .isEqualTo("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/repo:latest");
    }

    private static TrafficRoutingConfig routing(DeploymentPolicy policy) {
        return SageMakerRequests.deploymentConfig(policy, ALARMS).blueGreenUpdatePolicy().trafficRoutingConfiguration();
    }

    private static SageMakerRequests requests(boolean capture, String prefix) {
        return new SageMakerRequests("arn:aws-cn:iam::111122223333:role/r",
                InferenceImage.uri("111122223333", Region.CN_NORTH_1, "repo"), new DataCaptureSettings(20, capture),
                new S3Settings("bucket-name", "", "", "", "", "", prefix, ""));
    }
}
