package com.poseops.platform.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code S3Config}: the project's bucket and the prefixes inside it. */
@Validated
@ConfigurationProperties("s3config")
public record S3Settings(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
                message = "must be an S3 bucket name: 3-63 lower-case letters, digits, dots or hyphens") String bucketName,
        @NotNull @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String inputDir,
        @NotNull @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String s3Prefix,
        @NotNull @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String realtimeS3Prefix,
        @NotNull @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String outputDir,
        @NotNull @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String modelDir,
        @NotNull @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String dataCapture,
        @NotNull @Pattern(regexp = PREFIX, message = PREFIX_MESSAGE) String tensors) {

    static final String PREFIX = "([^/\\s][^\\s]*)?";
    static final String PREFIX_MESSAGE = "must be a key prefix inside the bucket, without a leading / or spaces";

    /** Joins a prefix from this section and a name into an S3 key, with exactly one slash between them. */
    public static String key(String prefix, String name) {
        if (prefix.isEmpty()) {
            return name;
        }
        return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
    }
}
