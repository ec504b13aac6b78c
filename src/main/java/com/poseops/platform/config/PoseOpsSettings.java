package com.poseops.platform.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** config.yml {@code PoseOps}: the mode, the data directory and the model for local endpoints. */
@Validated
@ConfigurationProperties("poseops")
public record PoseOpsSettings(@NotNull Mode mode, @NotBlank String dataDir, @Nullable String modelPath) {

    public Path dataDirectory() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /** The configured model file, or null when the official model is to be downloaded. */
    public @Nullable Path modelFile() {
        return modelPath == null || modelPath.isBlank() ? null : Path.of(modelPath).toAbsolutePath().normalize();
    }
}
