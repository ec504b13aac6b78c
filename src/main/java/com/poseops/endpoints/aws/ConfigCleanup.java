package com.poseops.endpoints.aws;

import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.endpoints.aws.EndpointDescriber.VariantFacts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointConfigSummary;

/**
 * Deletes the endpoint configurations PoseOps made that nobody needs any more, and their models. Only names PoseOps
 * gave ({@link DeploymentNames#isOurConfig}) are ever deleted; the configurations the caller keeps, the one the
 * endpoint serves and the one a deployment is rolling out are never touched, nor is a model one of them uses.
 */
final class ConfigCleanup {

    private static final Logger log = LoggerFactory.getLogger(ConfigCleanup.class);

    private final SageMakerClient sageMaker;
    private final AwsCalls calls;
    private final DeploymentNames names;
    private final EndpointDescriber describer;

    ConfigCleanup(SageMakerClient sageMaker, AwsCalls calls, DeploymentNames names, EndpointDescriber describer) {
        this.sageMaker = sageMaker;
        this.calls = calls;
        this.names = names;
        this.describer = describer;
    }

    void deleteExcept(Collection<String> keep, @Nullable DescribeEndpointResponse endpoint) {
        Set<String> kept = new HashSet<>(keep);
        if (endpoint != null) {
            kept.add(endpoint.endpointConfigName());
            if (endpoint.pendingDeploymentSummary() != null) {
                kept.add(endpoint.pendingDeploymentSummary().endpointConfigName());
            }
        }
        List<String> doomed = ourConfigs().stream().filter(name -> !kept.contains(name)).toList();
        if (doomed.isEmpty()) {
            return;
        }
        Set<String> modelsInUse = new HashSet<>();
        for (String config : kept) {
            describer.variantsOf(config).values().forEach(variant -> modelsInUse.add(variant.modelName()));
        }
        List<String> problems = new ArrayList<>();
        int deleted = 0;
        for (String config : doomed) {
            try {
                Collection<VariantFacts> variants = describer.variantsOf(config).values();
                deleteConfig(config);
                deleted++;
                for (VariantFacts variant : variants) {
                    if (names.isOurModel(variant.modelName()) && !modelsInUse.contains(variant.modelName())) {
                        deleteModel(variant.modelName());
                    }
                }
            } catch (RuntimeException e) {
                problems.add(config + " (" + e.getMessage() + ")");
            }
        }
        log.info("Deleted {} old endpoint configuration(s) of {} and their models; kept {}", deleted,
                endpoint == null ? "the endpoint" : endpoint.endpointName(), kept);
        if (!problems.isEmpty()) {
            throw new EndpointUnavailableException("Deleted " + deleted + " old endpoint configuration(s), but could not "
                    + "delete " + String.join("; ", problems) + " — they are kept and tried again at the next cleanup.",
                    null);
        }
    }

    private List<String> ourConfigs() {
        return calls.call(AwsOperation.LIST_ENDPOINT_CONFIGS, () -> sageMaker.listEndpointConfigsPaginator(request ->
                        request.nameContains(names.configNameFilter()).maxResults(100))
                .endpointConfigs().stream().map(EndpointConfigSummary::endpointConfigName)
                .filter(names::isOurConfig).toList());
    }

    private void deleteConfig(String config) {
        try {
            sageMaker.deleteEndpointConfig(request -> request.endpointConfigName(config));
        } catch (SdkException e) {
            if (!AwsCalls.isNotFound(e)) {
                throw calls.translate(AwsOperation.DELETE_ENDPOINT_CONFIG, e);
            }
        }
        describer.forget(config);
    }

    private void deleteModel(String model) {
        try {
            sageMaker.deleteModel(request -> request.modelName(model));
        } catch (SdkException e) {
            if (!AwsCalls.isNotFound(e)) {
                throw calls.translate(AwsOperation.DELETE_MODEL, e);
            }
        }
    }
}
