package com.poseops.registry.aws;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.registry.ServingModel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;

/**
 * The model behind the endpoint's current configuration: DescribeEndpoint → DescribeEndpointConfig (first production
 * variant) → DescribeModel, reporting the model package ARN (when the model was made from one) or its artifact URL.
 */
public final class SageMakerServingModel implements ServingModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SageMakerServingModel.class);

    private final SageMakerClient sageMaker;
    private final String endpointName;

    public SageMakerServingModel(AwsClients aws, EndpointConfigSettings endpointConfig) {
        this.sageMaker = aws.build(SageMakerClient.builder());
        this.endpointName = endpointConfig.endpointName();
    }

    @Override
    public Optional<Served> current() {
        try {
            DescribeEndpointResponse endpoint = sageMaker.describeEndpoint(r -> r.endpointName(endpointName));
            DescribeEndpointConfigResponse config =
                    sageMaker.describeEndpointConfig(r -> r.endpointConfigName(endpoint.endpointConfigName()));
            if (!config.hasProductionVariants() || config.productionVariants().isEmpty()) {
                return Optional.empty();
            }
            String modelName = config.productionVariants().getFirst().modelName();
            DescribeModelResponse model = sageMaker.describeModel(r -> r.modelName(modelName));
            ContainerDefinition container = model.primaryContainer() != null ? model.primaryContainer()
                    : model.hasContainers() && !model.containers().isEmpty() ? model.containers().getFirst() : null;
            if (container == null) {
                return Optional.empty();
            }
            String source = container.modelPackageName() != null ? container.modelPackageName()
                    : container.modelDataUrl();
            return Optional.of(new Served("endpoint " + endpointName, null, source, null));
        } catch (RuntimeException e) {
            log.debug("No serving model known for endpoint {}: {}", endpointName, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        sageMaker.close();
    }
}
