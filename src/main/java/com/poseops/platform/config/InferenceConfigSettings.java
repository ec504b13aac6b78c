package com.poseops.platform.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code InferenceConfig}: the ECR repository of the inference image. */
@Validated
@ConfigurationProperties("inferenceconfig")
public record InferenceConfigSettings(
        @NotBlank @Pattern(regexp = "[a-z0-9]+([._/-][a-z0-9]+)*",
                message = "must be an ECR repository name (lower-case letters, digits, . _ - /)") String ecrInferenceImageName) {
}
