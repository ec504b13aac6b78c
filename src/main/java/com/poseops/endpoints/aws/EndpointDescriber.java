package com.poseops.endpoints.aws;

import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointDescription.PendingDeployment;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.endpoints.ServedModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.PendingProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantStatus;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/**
 * Turns SageMaker's {@code DescribeEndpoint} into the port's {@link EndpointDescription}. DescribeEndpoint names each
 * variant but not what it runs, so the model behind each variant comes from the configuration
 * ({@code DescribeEndpointConfig}: model name, instance type) and the model ({@code DescribeModel}: artifact;
 * {@code ListTags}: the registry version and SHA-256 PoseOps tagged it with). A configuration and a model never change
 * once made, so what was learned about them is remembered (a bounded cache; a deleted configuration is forgotten) and
 * a poll costs one DescribeEndpoint.
 */
final class EndpointDescriber {

    private static final int CACHED_CONFIGS = 64;
    private static final ServedModel UNKNOWN_MODEL = new ServedModel("unknown", null, "", null);
    private static final String UNKNOWN_INSTANCE_TYPE = "unknown";

    /** What one variant of a configuration runs. */
    record VariantFacts(String modelName, ServedModel model, String instanceType) {
    }

    private final SageMakerClient sageMaker;
    private final AwsCalls calls;
    /** Configuration name → its variants by name; only complete answers are kept. */
    private final Map<String, Map<String, VariantFacts>> configs = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, VariantFacts>> eldest) {
                    return size() > CACHED_CONFIGS;
                }
            });

    EndpointDescriber(SageMakerClient sageMaker, AwsCalls calls) {
        this.sageMaker = sageMaker;
        this.calls = calls;
    }

    EndpointDescription describe(DescribeEndpointResponse endpoint) {
        Map<String, VariantFacts> serving = variantsOf(endpoint.endpointConfigName());
        List<Variant> variants = new ArrayList<>();
        for (ProductionVariantSummary summary : endpoint.productionVariants()) {
            VariantFacts facts = serving.get(summary.variantName());
            variants.add(new Variant(summary.variantName(), facts == null ? UNKNOWN_MODEL : facts.model(),
                    facts == null ? UNKNOWN_INSTANCE_TYPE : facts.instanceType(),
                    count(summary.currentInstanceCount()), count(summary.desiredInstanceCount()),
                    weight(summary.currentWeight()), weight(summary.desiredWeight()),
                    statuses(summary.variantStatus(), endpoint.lastModifiedTime())));
        }
        PendingDeployment pending = null;
        if (endpoint.pendingDeploymentSummary() != null) {
            var summary = endpoint.pendingDeploymentSummary();
            Map<String, VariantFacts> rolledOut = variantsOf(summary.endpointConfigName());
            List<Variant> pendingVariants = new ArrayList<>();
            for (PendingProductionVariantSummary variant : summary.productionVariants()) {
                VariantFacts facts = rolledOut.get(variant.variantName());
                String instanceType = variant.instanceTypeAsString() != null ? variant.instanceTypeAsString()
                        : facts == null ? UNKNOWN_INSTANCE_TYPE : facts.instanceType();
                pendingVariants.add(new Variant(variant.variantName(), facts == null ? UNKNOWN_MODEL : facts.model(),
                        instanceType, count(variant.currentInstanceCount()), count(variant.desiredInstanceCount()),
                        weight(variant.currentWeight()), weight(variant.desiredWeight()),
                        statuses(variant.variantStatus(), endpoint.lastModifiedTime())));
            }
            pending = new PendingDeployment(summary.endpointConfigName(),
                    summary.startTime() != null ? summary.startTime() : endpoint.lastModifiedTime(), pendingVariants);
        }
        return new EndpointDescription(endpoint.endpointName(), status(endpoint), blankToNull(endpoint.failureReason()),
                endpoint.endpointConfigName(), variants, pending, endpoint.creationTime(), endpoint.lastModifiedTime());
    }

    /** The variants of a configuration by name; empty when it no longer exists. */
    Map<String, VariantFacts> variantsOf(String configName) {
        Map<String, VariantFacts> known = configs.get(configName);
        if (known != null) {
            return known;
        }
        Optional<DescribeEndpointConfigResponse> config = calls.find(AwsOperation.DESCRIBE_ENDPOINT_CONFIG,
                () -> sageMaker.describeEndpointConfig(request -> request.endpointConfigName(configName)));
        if (config.isEmpty()) {
            return Map.of();
        }
        Map<String, VariantFacts> variants = new LinkedHashMap<>();
        boolean complete = true;
        for (ProductionVariant variant : config.get().productionVariants()) {
            Optional<ServedModel> model = model(variant.modelName());
            complete &= model.isPresent();
            variants.put(variant.variantName(), new VariantFacts(variant.modelName(),
                    model.orElse(new ServedModel(variant.modelName(), null, "", null)),
                    variant.instanceTypeAsString() != null ? variant.instanceTypeAsString() : UNKNOWN_INSTANCE_TYPE));
        }
        Map<String, VariantFacts> facts = Map.copyOf(variants);
        if (complete) {
            configs.put(configName, facts);
        }
        return facts;
    }

    /** Forgets a configuration (it was deleted). */
    void forget(String configName) {
        configs.remove(configName);
    }

    private Optional<ServedModel> model(String modelName) {
        Optional<DescribeModelResponse> described = calls.find(AwsOperation.DESCRIBE_MODEL,
                () -> sageMaker.describeModel(request -> request.modelName(modelName)));
        if (described.isEmpty()) {
            return Optional.empty();
        }
        DescribeModelResponse model = described.get();
        ContainerDefinition container = model.primaryContainer() != null ? model.primaryContainer()
                : model.hasContainers() && !model.containers().isEmpty() ? model.containers().getFirst() : null;
        String artifact = container == null ? ""
                : container.modelDataUrl() != null ? container.modelDataUrl()
                : container.modelPackageName() != null ? container.modelPackageName() : "";
        Map<String, String> tags = new LinkedHashMap<>();
        calls.call(AwsOperation.LIST_TAGS, () -> sageMaker.listTagsPaginator(request -> request
                .resourceArn(model.modelArn())).tags().stream().toList()).forEach(tag -> tags.put(tag.key(), tag.value()));
        return Optional.of(new ServedModel(modelName, version(tags.get(DeploymentNames.VERSION_TAG)), artifact,
                tags.get(DeploymentNames.SHA256_TAG)));
    }

    private static @Nullable Integer version(@Nullable String tag) {
        if (tag == null) {
            return null;
        }
        try {
            return Integer.valueOf(tag.strip());
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }

    private static Status status(DescribeEndpointResponse endpoint) {
        String reported = endpoint.endpointStatusAsString();
        for (Status status : Status.values()) {
            if (status.label().equals(reported)) {
                return status;
            }
        }
        throw new EndpointUnavailableException("SageMaker reports endpoint " + endpoint.endpointName() + " as '"
                + reported + "', a status this version of PoseOps does not know — see the SageMaker console, and "
                + "update PoseOps.", null);
    }

    private static List<EndpointDescription.VariantStatus> statuses(List<ProductionVariantStatus> reported,
            Instant fallbackTime) {
        List<EndpointDescription.VariantStatus> statuses = new ArrayList<>();
        for (ProductionVariantStatus status : reported) {
            VariantStatusCode code = code(status.statusAsString());
            if (code != null) {
                statuses.add(new EndpointDescription.VariantStatus(code, blankToNull(status.statusMessage()),
                        status.startTime() != null ? status.startTime() : fallbackTime));
            }
        }
        return statuses;
    }

    private static @Nullable VariantStatusCode code(@Nullable String reported) {
        for (VariantStatusCode code : VariantStatusCode.values()) {
            if (code.label().equals(reported)) {
                return code;
            }
        }
        return null;
    }

    private static int count(@Nullable Integer count) {
        return count == null ? 0 : count;
    }

    private static double weight(@Nullable Float weight) {
        return weight == null ? 0 : weight;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
