package com.poseops.endpoints;

/**
 * A deploy, rollback or abort that cannot be done now (the version is not Approved, the endpoint is busy, there is
 * nothing to roll back to); the message says why and what to do.
 */
public class DeploymentRefusedException extends RuntimeException {

    public DeploymentRefusedException(String message) {
        super(message);
    }
}
