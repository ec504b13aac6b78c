package com.poseops.endpoints;

import com.poseops.endpoints.local.LocalEndpointManager;
import com.poseops.endpoints.local.OfficialModelDownload;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.PoseOpsSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Local mode: the local endpoint (an inference-server child process). It is started once the application is ready,
 * so the sign-in page comes up at once and the Pose page shows the endpoint coming up; it stops with the context
 * (SIGTERM to the child, SIGKILL after a grace period). In aws mode there is no runtime bean: the SageMaker endpoint
 * is checked by its client on each request.
 */
@Configuration(proxyBeanMethods = false)
class EndpointsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    LocalEndpointManager localEndpointManager(PoseOpsSettings settings, EndpointConfigSettings endpoint) {
        return LocalEndpointManager.create(endpoint.endpointName(), settings.modelFile(), settings.dataDirectory(),
                OfficialModelDownload.fromTfHub());
    }

    @Bean
    @ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
    ApplicationListener<ApplicationReadyEvent> localEndpointStarter(LocalEndpointManager manager) {
        return ready -> manager.start();
    }
}
