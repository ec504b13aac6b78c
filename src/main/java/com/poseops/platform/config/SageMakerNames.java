package com.poseops.platform.config;

/** The naming rule SageMaker applies to models, endpoint configurations and endpoints. */
final class SageMakerNames {

    static final String NAME = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
    static final String NAME_MESSAGE = "must be 1-63 letters, digits or hyphens, starting with a letter or digit";

    private SageMakerNames() {
    }
}
