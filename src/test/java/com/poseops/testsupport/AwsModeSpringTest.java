package com.poseops.testsupport;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The whole console in aws mode against a moto server started for each test class (it creates its own resources).
 * A subclass names its own data directory and table prefix (and any further keys) with {@code @TestPropertySource},
 * so that its context and its tables stay apart from the other aws-mode test classes'.
 */
@SpringBootTest(properties = {
        "PoseOps.mode=aws",
        "Aws.region=" + MotoServer.REGION,
        "Aws.createResources=true",
        "Security.adminPassword=test-admin-password",
        "Evaluation.imagesDir=${poseops.shared.dir:../shared}/testdata/pose/tensorflow-examples"})
public abstract class AwsModeSpringTest {

    /** Restarted per test class (the test classes run one after another). */
    @RegisterExtension
    protected static final MotoServer moto = new MotoServer();

    @DynamicPropertySource
    static void motoEndpoint(DynamicPropertyRegistry registry) {
        registry.add("Aws.endpoint", () -> moto.endpoint().toString());
    }

    /** Creates the console's endpoint in moto serving the given artifact, as a deployment outside the console would. */
    protected static void serveOnTheEndpoint(String artifactUri) {
        try (SageMakerClient sageMaker = moto.awsClients().build(SageMakerClient.builder())) {
            sageMaker.createModel(r -> r.modelName("hp-prediction-model")
                    .executionRoleArn("arn:aws:iam::123456789012:role/poseops-sagemaker-execution")
                    .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest")
                            .modelDataUrl(artifactUri)));
            sageMaker.createEndpointConfig(r -> r.endpointConfigName("hp-prediction-config-1")
                    .productionVariants(ProductionVariant.builder().variantName("AllTraffic")
                            .modelName("hp-prediction-model").initialInstanceCount(1)
                            .instanceType("ml.m5.xlarge").build()));
            sageMaker.createEndpoint(r -> r.endpointName("hp-prediction-endpoint")
                    .endpointConfigName("hp-prediction-config-1"));
        }
    }
}
