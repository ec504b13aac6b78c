package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Monitoring} (PoseOps' own section): how the Monitoring page refreshes, and how local mode records
 * the front door's traffic and the variants' resource use.
 *
 * @param retentionDays           local mode: how long per-minute metrics are kept (DynamoDB TTL); CloudWatch keeps
 *                                1-minute data for 15 days, hence the default
 * @param refreshSeconds          how often the console's one refresher fetches the metrics of the open pages and
 *                                pushes them (CloudWatch calls per refresh do not grow with the number of pages)
 * @param resourceSampleSeconds   local mode: how often CPU, memory and disk of each variant's processes are sampled
 * @param recordingQueueCapacity  local mode: requests waiting to be recorded; beyond it samples are dropped and counted
 *                                (the front door is never slowed down)
 * @param captureQueueMegabytes   local mode: captured request and response bodies waiting to be written; beyond it
 *                                captures are dropped and counted
 */
@Validated
@ConfigurationProperties("monitoring")
public record MonitoringSettings(
        @NotNull @Min(value = 1, message = "must be 1 to 455 days") @Max(value = 455, message = "must be 1 to 455 days")
        @DefaultValue("15") Integer retentionDays,
        @NotNull @Min(value = 5, message = "must be 5 to 300 seconds")
        @Max(value = 300, message = "must be 5 to 300 seconds") @DefaultValue("15") Integer refreshSeconds,
        @NotNull @Min(value = 1, message = "must be 1 to 300 seconds")
        @Max(value = 300, message = "must be 1 to 300 seconds") @DefaultValue("10") Integer resourceSampleSeconds,
        @NotNull @Min(value = 100, message = "must be 100 to 1000000")
        @Max(value = 1_000_000, message = "must be 100 to 1000000") @DefaultValue("10000") Integer recordingQueueCapacity,
        @NotNull @Min(value = 1, message = "must be 1 to 1024 MB")
        @Max(value = 1024, message = "must be 1 to 1024 MB") @DefaultValue("64") Integer captureQueueMegabytes) {

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    public Duration refreshInterval() {
        return Duration.ofSeconds(refreshSeconds);
    }

    public Duration resourceSampleInterval() {
        return Duration.ofSeconds(resourceSampleSeconds);
    }

    public long captureQueueBytes() {
        return captureQueueMegabytes * 1024L * 1024L;
    }
}
