package com.poseops.platform.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code ModelMonitoring}: the latency-threshold monitor of the endpoint. */
@Validated
@ConfigurationProperties("modelmonitoring")
public record ModelMonitoringSettings(
        @NotBlank String monitoringScheduleName,
        /* Average inference time, in seconds, above which a violation is raised. */
        @NotNull @Positive Double threshold,
        @NotBlank String monitoringImageName,
        @NotBlank String baseJobName,
        @NotNull @Valid ProcessingOutput processingOutput) {

    public record ProcessingOutput(
            @NotBlank String s3DestinationPrefix, @NotBlank String outputName, @NotBlank String mlDefaultResultSource) {
    }
}
