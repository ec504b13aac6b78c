package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code Instance}: the endpoint's fleet. */
@Validated
@ConfigurationProperties("instance")
public record InstanceSettings(
        @NotBlank @Pattern(regexp = "ml\\.[a-z0-9]+\\.[a-z0-9]+",
                message = "must be a SageMaker instance type like ml.m5.xlarge") String instanceType,
        @NotNull @Min(value = 1, message = "must be a whole number of at least 1")
        @Max(value = 100, message = "must be at most 100") Integer instanceCount) {
}
