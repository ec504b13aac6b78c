package com.poseops.platform.aws;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the project's bucket when it is missing, for {@code Aws.createResources} (emulators, first-time dev
 * accounts); every feature that writes to S3 calls it before its first write. Without createResources a missing
 * bucket shows up as a clear message on the first write instead.
 */
public final class S3Buckets {

    private static final Logger log = LoggerFactory.getLogger(S3Buckets.class);

    private S3Buckets() {
    }

    public static void ensure(S3Client s3, String bucket, Region region) {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            create(s3, bucket, region);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            create(s3, bucket, region);
        }
    }

    private static void create(S3Client s3, String bucket, Region region) {
        try {
            s3.createBucket(request -> {
                request.bucket(bucket);
                if (!Region.US_EAST_1.equals(region)) { // us-east-1 refuses an explicit location constraint
                    request.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region.id())));
                }
            });
            log.info("Created S3 bucket {}", bucket);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!"BucketAlreadyOwnedByYou".equals(code)) {
                throw e;
            }
        }
    }
}
