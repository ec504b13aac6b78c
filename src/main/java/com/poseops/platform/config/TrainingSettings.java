package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Training}: how training jobs run. aws mode: the training image, role and instances of
 * CreateTrainingJob; local mode: the program the runner starts (empty = PoseOps' own trainer, the image's {@code train})
 * and how many jobs may run at once. Both: the default and largest runtime, and how often the console looks.
 */
@Validated
@ConfigurationProperties("training")
public record TrainingSettings(
        @NotNull @Pattern(regexp = "(\\S+/\\S+(:\\S+|@sha256:[0-9a-f]{64}))?",
                message = "must be empty (the inference image of InferenceConfig) or an image URI like "
                        + "123456789012.dkr.ecr.ap-south-1.amazonaws.com/hp-inferencing-container:latest")
        @DefaultValue("") String image,
        @NotNull @Pattern(regexp = "(arn:aws[a-z-]*:iam::\\d{12}:role/.+)?",
                message = "must be empty (EndpointConfig.roleArn) or an IAM role ARN like "
                        + "arn:aws:iam::123456789012:role/NAME")
        @DefaultValue("") String roleArn,
        @NotBlank @Pattern(regexp = "ml\\.[a-z0-9]+\\.[a-z0-9]+",
                message = "must be a SageMaker instance type like ml.m5.large")
        @DefaultValue("ml.m5.large") String instanceType,
        @NotNull @Min(value = 1, message = "must be a whole number of at least 1")
        @Max(value = 20, message = "must be at most 20") @DefaultValue("1") Integer instanceCount,
        @NotNull @Min(value = 1, message = "must be at least 1 (GB)") @Max(value = 16384, message = "must be at most 16384 (GB)")
        @DefaultValue("10") Integer volumeSizeGb,
        @NotNull @Min(value = 60, message = "must be at least 60 (seconds)")
        @Max(value = 432000, message = "must be at most 432000 (5 days, SageMaker's limit)")
        @DefaultValue("3600") Integer maxRuntimeSeconds,
        @NotNull @DefaultValue List<@NotBlank String> localCommand,
        @NotNull @Min(value = 1, message = "must be a whole number of at least 1")
        @Max(value = 8, message = "must be at most 8") @DefaultValue("1") Integer localConcurrentJobs,
        @NotNull @Min(value = 1, message = "must be at least 1 (seconds)") @Max(value = 600, message = "must be at most 600")
        @DefaultValue("20") Integer stopGraceSeconds,
        @NotNull @Min(value = 1, message = "must be at least 1 (seconds)") @Max(value = 300, message = "must be at most 300")
        @DefaultValue("10") Integer pollSeconds) {

    public TrainingSettings {
        localCommand = List.copyOf(localCommand);
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollSeconds);
    }

    public Duration stopGrace() {
        return Duration.ofSeconds(stopGraceSeconds);
    }
}
