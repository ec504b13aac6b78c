package com.poseops.platform.aws;

import software.amazon.awssdk.regions.Region;

/**
 * The one definition of the inference image's address: {@code <account>.dkr.ecr.<region>.<dns suffix>/<repository>:latest}
 * ({@code InferenceConfig.ecrInferenceImageName} in the account's ECR). The registry writes it into every model package
 * and the endpoint's models are made from it (decision 0090).
 * <p>
 * The tag is {@value #TAG}: the image is the same MoveNet server for every model version (a version is its
 * {@code model.tar.gz}), and SageMaker resolves the tag to a digest when it starts instances (DescribeEndpoint's
 * {@code DeployedImages}), so a running fleet never changes under a re-pushed tag.
 */
public final class InferenceImage {

    public static final String TAG = "latest";

    private InferenceImage() {
    }

    public static String uri(String accountId, Region region, String repository) {
        return accountId + ".dkr.ecr." + region.id() + "." + AwsClients.dnsSuffix(region) + "/" + repository + ":" + TAG;
    }
}
