package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code LocalEndpoint} (local mode): the front door that answers SageMaker Runtime's InvokeEndpoint for the
 * local endpoint on 127.0.0.1.
 *
 * @param port the front door's port ({@code POSEOPS_LOCAL_ENDPOINT_PORT}); 0 = any free port, shown on the Endpoints
 *             page and in the log
 */
@Validated
@ConfigurationProperties("localendpoint")
public record LocalEndpointSettings(
        @NotNull @Min(value = 0, message = "must be a port from 0 (any free port) to 65535")
        @Max(value = 65535, message = "must be a port from 0 (any free port) to 65535")
        @DefaultValue("8081") Integer port) {
}
