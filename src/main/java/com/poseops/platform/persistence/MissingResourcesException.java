package com.poseops.platform.persistence;

/** AWS resources PoseOps needs do not exist, and it was not asked to create them. */
public class MissingResourcesException extends RuntimeException {

    public MissingResourcesException(String message) {
        super(message);
    }
}
