package com.poseops.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.aws.SageMakerControlPlane;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.DataCaptureSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** aws mode gets the SageMaker control plane as its one {@link EndpointControlPlane}; local mode does not. */
class EndpointsAwsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EndpointsAwsConfiguration.class)
            .withBean(AwsClients.class, () -> new AwsClients(new AwsSettings("ap-south-1", "", false, "poseops-")))
            .withBean(EndpointConfigSettings.class, () -> new EndpointConfigSettings("hp-prediction-model",
                    "hp-prediction-config", "hp-prediction-endpoint",
                    "arn:aws:iam::123456789012:role/poseops-sagemaker-execution", "hp-prediction-models"))
            .withBean(InferenceConfigSettings.class, () -> new InferenceConfigSettings("hp-inferencing-container"))
            .withBean(DataCaptureSettings.class, () -> new DataCaptureSettings(100, true))
            .withBean(S3Settings.class, () -> new S3Settings("mlops-pipeline-hp-estimation", "inputdata/", "hp/",
                    "realtime/", "prediction/", "model/", "endpoint/data_capture", "endpoint/tensors"));

    @Test
    void awsModeControlsTheEndpointThroughSageMaker() {
        context.withPropertyValues("PoseOps.mode=aws").run(running -> {
            EndpointControlPlane controlPlane = running.getBean(EndpointControlPlane.class);
            assertThat(controlPlane).isInstanceOf(SageMakerControlPlane.class);
            assertThat(controlPlane.endpointName()).isEqualTo("hp-prediction-endpoint");
            assertThat(controlPlane.invocationUrl()).isEqualTo(URI.create(
                    "https://runtime.sagemaker.ap-south-1.amazonaws.com/endpoints/hp-prediction-endpoint/invocations"));
        });
    }

    @Test
    void localModeHasNoSageMakerControlPlane() {
        context.withPropertyValues("PoseOps.mode=local")
                .run(running -> assertThat(running).doesNotHaveBean(SageMakerControlPlane.class));
        context.run(running -> assertThat(running).doesNotHaveBean(SageMakerControlPlane.class));
    }
}
