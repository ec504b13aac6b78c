package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code DataCapture}: request capture on the endpoint. */
@Validated
@ConfigurationProperties("datacapture")
public record DataCaptureSettings(
        @NotNull @Min(value = 0, message = "must be a percentage from 0 to 100")
        @Max(value = 100, message = "must be a percentage from 0 to 100") Integer initialSamplingPercentage,
        @NotNull Boolean enableCapture) {
}
