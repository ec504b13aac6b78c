package com.poseops.endpoints.aws;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentTarget;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.platform.config.DataCaptureSettings;
import com.poseops.platform.config.S3Settings;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.model.Alarm;
import software.amazon.awssdk.services.sagemaker.model.AutoRollbackConfig;
import software.amazon.awssdk.services.sagemaker.model.BlueGreenUpdatePolicy;
import software.amazon.awssdk.services.sagemaker.model.CapacitySize;
import software.amazon.awssdk.services.sagemaker.model.CapacitySizeType;
import software.amazon.awssdk.services.sagemaker.model.CaptureMode;
import software.amazon.awssdk.services.sagemaker.model.CaptureOption;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DataCaptureConfig;
import software.amazon.awssdk.services.sagemaker.model.DeploymentConfig;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfig;
import software.amazon.awssdk.services.sagemaker.model.TrafficRoutingConfigType;

/**
 * The SageMaker requests of a deployment, built from config.yml and the deployment's target and policy. Pure: no
 * calls, so that what PoseOps asks SageMaker for can be read (and tested) in one place.
 *
 * @param roleArn        {@code EndpointConfig.roleArn}, the models' execution role
 * @param image          the inference image ({@code InferenceImage.uri})
 * @param capture        {@code DataCapture}
 * @param s3             {@code S3Config}: the bucket and the {@code dataCapture} prefix
 */
record SageMakerRequests(String roleArn, String image, DataCaptureSettings capture, S3Settings s3) {

    /** What PoseOps asks SageMaker to store of each request and answer when capture is on. */
    private static final List<String> CAPTURED_JSON_TYPES = List.of("application/json");

    CreateModelRequest createModel(String modelName, DeploymentTarget target) {
        List<Tag> tags = new ArrayList<>(versionTag(target));
        if (target.sha256() != null) {
            tags.add(Tag.builder().key(DeploymentNames.SHA256_TAG).value(target.sha256()).build());
        }
        return CreateModelRequest.builder()
                .modelName(modelName)
                .executionRoleArn(roleArn)
                .primaryContainer(container -> container.image(image).modelDataUrl(target.artifactUri()))
                .tags(tags)
                .build();
    }

    CreateEndpointConfigRequest createEndpointConfig(String configName, String modelName, DeploymentTarget target) {
        CreateEndpointConfigRequest.Builder request = CreateEndpointConfigRequest.builder()
                .endpointConfigName(configName)
                .productionVariants(ProductionVariant.builder()
                        .variantName(DeploymentNames.VARIANT_NAME)
                        .modelName(modelName)
                        .instanceType(target.instanceType())
                        .initialInstanceCount(target.instanceCount())
                        .initialVariantWeight(1.0f)
                        .build())
                .tags(versionTag(target));
        if (capture.enableCapture()) {
            request.dataCaptureConfig(dataCapture());
        }
        return request.build();
    }

    /**
     * Request and response capture to {@code s3://<S3Config.bucketName>/<S3Config.dataCapture>}; answers (JSON) are
     * stored as text, images base64-encoded (SageMaker's default for other types). Sent only when
     * {@code DataCapture.enableCapture} is true: SageMaker needs a destination even for a disabled capture.
     */
    DataCaptureConfig dataCapture() {
        return DataCaptureConfig.builder()
                .enableCapture(true)
                .initialSamplingPercentage(capture.initialSamplingPercentage())
                .destinationS3Uri(captureDestination())
                .captureOptions(CaptureOption.builder().captureMode(CaptureMode.INPUT).build(),
                        CaptureOption.builder().captureMode(CaptureMode.OUTPUT).build())
                .captureContentTypeHeader(header -> header.jsonContentTypes(CAPTURED_JSON_TYPES))
                .build();
    }

    String captureDestination() {
        String prefix = s3.dataCapture();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return "s3://" + s3.bucketName() + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /**
     * SageMaker's blue/green {@code DeploymentConfig} for a policy: traffic routing in percent of capacity, the bake
     * after each step, the old fleet's termination wait and the maximum execution time; the rollback alarms when the
     * policy has automatic rollback (SageMaker rolls back only when alarms are named).
     */
    static DeploymentConfig deploymentConfig(DeploymentPolicy policy, List<RollbackAlarm> alarms) {
        TrafficRoutingConfig.Builder routing = TrafficRoutingConfig.builder()
                .waitIntervalInSeconds(policy.waitIntervalSeconds());
        switch (policy.routing()) {
            case ALL_AT_ONCE -> routing.type(TrafficRoutingConfigType.ALL_AT_ONCE);
            case CANARY -> routing.type(TrafficRoutingConfigType.CANARY).canarySize(percent(policy.stepPercent()));
            case LINEAR -> routing.type(TrafficRoutingConfigType.LINEAR).linearStepSize(percent(policy.stepPercent()));
        }
        DeploymentConfig.Builder config = DeploymentConfig.builder()
                .blueGreenUpdatePolicy(BlueGreenUpdatePolicy.builder()
                        .trafficRoutingConfiguration(routing.build())
                        .terminationWaitInSeconds(policy.terminationWaitSeconds())
                        .maximumExecutionTimeoutInSeconds(policy.maximumExecutionSeconds())
                        .build());
        if (policy.autoRollback() && !alarms.isEmpty()) {
            config.autoRollbackConfiguration(AutoRollbackConfig.builder()
                    .alarms(alarms.stream().map(alarm -> Alarm.builder().alarmName(alarm.name()).build()).toList())
                    .build());
        }
        return config.build();
    }

    private static CapacitySize percent(int value) {
        return CapacitySize.builder().type(CapacitySizeType.CAPACITY_PERCENT).value(value).build();
    }

    private static List<Tag> versionTag(DeploymentTarget target) {
        return List.of(Tag.builder().key(DeploymentNames.VERSION_TAG).value(Integer.toString(target.version())).build());
    }
}
