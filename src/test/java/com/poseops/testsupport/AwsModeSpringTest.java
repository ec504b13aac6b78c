package com.poseops.testsupport;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
}
