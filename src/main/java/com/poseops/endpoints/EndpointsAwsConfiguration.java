package com.poseops.endpoints;

import com.poseops.endpoints.aws.SageMakerControlPlane;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.DataCaptureSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** aws mode: the endpoint's control plane is SageMaker (with CloudWatch for the rollback alarms). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "PoseOps.mode", havingValue = "aws")
class EndpointsAwsConfiguration {

    @Bean(destroyMethod = "close")
    SageMakerControlPlane endpointControlPlane(AwsClients aws, EndpointConfigSettings endpointConfig,
            InferenceConfigSettings inferenceConfig, DataCaptureSettings capture, S3Settings s3) {
        return new SageMakerControlPlane(aws, endpointConfig, inferenceConfig, capture, s3);
    }
}
