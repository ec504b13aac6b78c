package com.poseops.platform.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code EndpointConfig}: SageMaker names of the model, endpoint configuration and endpoint, and of the
 * Model Registry group whose versions the Models page shows (not in the original scripts, hence the default).
 */
@Validated
@ConfigurationProperties("endpointconfig")
public record EndpointConfigSettings(
        @NotBlank @Pattern(regexp = SageMakerNames.NAME, message = SageMakerNames.NAME_MESSAGE) String modelName,
        @NotBlank @Pattern(regexp = SageMakerNames.NAME, message = SageMakerNames.NAME_MESSAGE) String endpointConfigName,
        @NotBlank @Pattern(regexp = SageMakerNames.NAME, message = SageMakerNames.NAME_MESSAGE) String endpointName,
        @NotBlank @Pattern(regexp = "arn:aws[a-z-]*:iam::\\d{12}:role/.+",
                message = "must be an IAM role ARN like arn:aws:iam::123456789012:role/NAME") String roleArn,
        @NotBlank @Pattern(regexp = SageMakerNames.NAME, message = SageMakerNames.NAME_MESSAGE)
        @DefaultValue("hp-prediction-models") String modelPackageGroupName) {
}
