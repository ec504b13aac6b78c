package com.poseops.endpoints;

import com.poseops.registry.ServingModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Registry's {@link ServingModel} port, answered by the endpoints feature: the model the endpoint's current
 * configuration was deployed from, from the one poller's last look (no AWS call). Only a configuration deployed from
 * a registered version names that version; local mode's first model ({@code PoseOps.modelPath}) names none, so a
 * Pending version with the same bytes is not mistaken for the serving one.
 */
public final class EndpointServingModel implements ServingModel {

    private final EndpointQueries endpoint;

    public EndpointServingModel(EndpointQueries endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Optional<Served> current() {
        EndpointSnapshot snapshot = endpoint.current();
        if (!snapshot.servesTraffic()) {
            return Optional.empty();
        }
        return endpoint.servingModel().map(model -> new Served("endpoint " + snapshot.endpointName(),
                model.version(), model.sha256(), model.artifactUri(), localFile(model.artifactUri())));
    }

    private static @Nullable Path localFile(String artifactUri) {
        try {
            URI uri = URI.create(artifactUri);
            if (!"file".equals(uri.getScheme())) {
                return null;
            }
            Path file = Path.of(uri);
            return Files.isRegularFile(file) ? file : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
