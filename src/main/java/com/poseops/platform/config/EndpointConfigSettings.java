package com.poseops.platform.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code EndpointConfig}: SageMaker names of the model, endpoint configuration and endpoint. */
@Validated
@ConfigurationProperties("endpointconfig")
public record EndpointConfigSettings(
        @NotBlank @Pattern(regexp = SageMakerNames.NAME, message = SageMakerNames.NAME_MESSAGE) String modelName,
        @NotBlank @Pattern(regexp = SageMakerNames.NAME, message = SageMakerNames.NAME_MESSAGE) String endpointConfigName,
        @NotBlank @Pattern(regexp = SageMakerNames.NAME, message = SageMakerNames.NAME_MESSAGE) String endpointName,
        @NotBlank @Pattern(regexp = "arn:aws[a-z-]*:iam::\\d{12}:role/.+",
                message = "must be an IAM role ARN like arn:aws:iam::123456789012:role/NAME") String roleArn) {
}
