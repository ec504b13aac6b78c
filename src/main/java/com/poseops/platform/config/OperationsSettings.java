package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Operations}: what keeps an installation healthy on its own — the free space the data directory
 * needs (below it {@code /actuator/health} is DOWN and uploads are refused with a message), and how large the logs
 * of the child processes (DynamoDB Local, local endpoints) may grow before they are rotated.
 */
@Validated
@ConfigurationProperties("operations")
public record OperationsSettings(
        @NotNull @DefaultValue("200MB") DataSize minFreeDiskSpace,
        @NotNull @DefaultValue("10MB") DataSize childLogMaxSize,
        @NotNull @Min(1) @Max(20) @DefaultValue("3") Integer childLogFiles) {
}
