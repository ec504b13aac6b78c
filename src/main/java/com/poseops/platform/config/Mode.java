package com.poseops.platform.config;

/** Where PoseOps runs its model and keeps its data. */
public enum Mode {
    /** Everything on this machine: DynamoDB Local, local endpoint processes, files under the data directory. */
    LOCAL,
    /** A real AWS account: SageMaker, DynamoDB, S3 and CloudWatch. */
    AWS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
