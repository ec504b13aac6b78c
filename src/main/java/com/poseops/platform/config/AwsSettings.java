package com.poseops.platform.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code Aws}: region, the optional endpoint override (moto, LocalStack) and resource handling. */
@Validated
@ConfigurationProperties("aws")
public record AwsSettings(
        @NotBlank @Pattern(regexp = "[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d",
                message = "must be an AWS region like ap-south-1") String region,
        @Nullable @Pattern(regexp = "(https?://\\S+)?",
                message = "must be empty or an http(s) URL like http://127.0.0.1:5000") String endpoint,
        @NotNull Boolean createResources,
        @NotNull @Pattern(regexp = "[a-zA-Z0-9_.-]{0,200}",
                message = "must be letters, digits, _ . or - (DynamoDB table name characters)") String tablePrefix) {

    public @Nullable URI endpointOverride() {
        return endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
    }
}
