package com.poseops.platform.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Deployment}: the rollback alarms that guard a blue/green deployment, besides the latency threshold
 * of {@code ModelMonitoring.threshold}.
 *
 * @param errorRateThreshold  share of requests the model answers 5xx (0..1) above which a deployment rolls back
 * @param alarmPeriodSeconds  the period each alarm looks at (SageMaker's metrics are per minute: keep 60 in aws mode)
 */
@Validated
@ConfigurationProperties("deployment")
public record DeploymentSettings(
        @NotNull @DecimalMin(value = "0.0", inclusive = false, message = "must be a share above 0 and at most 1")
        @DecimalMax(value = "1.0", message = "must be a share above 0 and at most 1")
        @DefaultValue("0.05") Double errorRateThreshold,
        @NotNull @Min(value = 1, message = "must be 1 to 3600 seconds")
        @Max(value = 3600, message = "must be 1 to 3600 seconds")
        @DefaultValue("60") Integer alarmPeriodSeconds) {
}
