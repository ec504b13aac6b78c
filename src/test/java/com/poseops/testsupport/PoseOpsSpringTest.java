package com.poseops.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole console in local mode, as a user starts it, with its data under target/test-data (DynamoDB Local runs
 * as a real child process). One context is shared by every test class that uses this annotation. Its local endpoint
 * is a real inference-server child process behind the front door (on a free port), serving the shared Lightning int8
 * model (it starts in the background; tests that predict wait for it, see {@code LocalEndpoints.awaitServing}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "PoseOps.mode=local",
        "PoseOps.dataDir=target/test-data/spring-context",
        "Security.adminPassword=test-admin-password",
        "Aws.tablePrefix=poseops-",
        // the labelled images of ../shared (pom: poseops.shared.dir), so that registrations are really evaluated
        "Evaluation.imagesDir=${poseops.shared.dir:../shared}/testdata/pose/tensorflow-examples",
        "PoseOps.modelPath=${poseops.shared.dir}/models/movenet_singlepose_lightning_int8_4.tflite",
        // the local endpoint's front door on a free port (several consoles may run tests on one machine)
        "LocalEndpoint.port=0"})
public @interface PoseOpsSpringTest {
}
