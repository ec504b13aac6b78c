package com.poseops.endpoints;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint as the console last saw it.
 *
 * @param description      DescribeEndpoint's answer; null when there is no endpoint yet
 * @param activeDeployment the deployment in progress, if any
 * @param problem          why the state may be out of date (e.g. "SageMaker did not answer: … retrying"), for the
 *                         page; null when the last look succeeded
 * @param invocationUrl    where clients send InvokeEndpoint
 */
public record EndpointSnapshot(String endpointName, @Nullable EndpointDescription description,
        @Nullable Deployment activeDeployment, Instant observedAt, @Nullable String problem, URI invocationUrl) {

    public EndpointSnapshot {
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(invocationUrl, "invocationUrl");
    }

    public boolean exists() {
        return description != null;
    }

    public boolean servesTraffic() {
        return description != null && description.status().servesTraffic();
    }
}
