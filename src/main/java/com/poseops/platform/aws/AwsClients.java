package com.poseops.platform.aws;

import com.poseops.platform.config.AwsSettings;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Configures every AWS SDK client of PoseOps the same way: the region from config.yml, the default credentials
 * chain (instance profile on EC2), and {@code POSEOPS_AWS_ENDPOINT} as one endpoint override for all services so
 * that the same code runs against a moto server. Against an override, fixed dummy credentials are the fallback
 * because emulators accept any.
 */
public class AwsClients {

    private final Region region;
    private final @Nullable URI endpointOverride;
    private final AwsCredentialsProvider credentials;

    public AwsClients(AwsSettings settings) {
        this.region = Region.of(settings.region());
        this.endpointOverride = settings.endpointOverride();
        DefaultCredentialsProvider defaultChain = DefaultCredentialsProvider.builder().build();
        this.credentials = endpointOverride == null
                ? defaultChain
                : AwsCredentialsProviderChain.of(defaultChain,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("poseops", "poseops")));
    }

    public <B extends AwsClientBuilder<B, C>, C> C build(B builder) {
        builder.region(region).credentialsProvider(credentials);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
            if (builder instanceof S3ClientBuilder s3) {
                s3.forcePathStyle(true); // emulators serve buckets under the path, not as sub-domains
            }
        }
        return builder.build();
    }

    public Region region() {
        return region;
    }

    public @Nullable URI endpointOverride() {
        return endpointOverride;
    }

    /** The region's DNS suffix: {@code amazonaws.com}, {@code amazonaws.com.cn} in China, … (the SDK's partitions). */
    public static String dnsSuffix(Region region) {
        String suffix = region.metadata() == null ? null : region.metadata().partition().dnsSuffix();
        if (suffix != null && !suffix.isBlank()) {
            return suffix;
        }
        return region.id().startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
