package com.poseops.infra;

import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Stands for a feature's new adapter that calls an AWS operation the console role does not grant
 * (ConsoleRoleGrantsTest shows that the build then fails and says what to add). Never run.
 */
final class UngrantedCallFixture {

    private UngrantedCallFixture() {
    }

    static void deleteTheEndpoint(SageMakerClient sageMaker) {
        sageMaker.deleteEndpoint(request -> request.endpointName("hp-prediction-endpoint"));
    }
}
