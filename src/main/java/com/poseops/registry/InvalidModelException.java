package com.poseops.registry;

/** An uploaded file is not a usable MoveNet SinglePose model; the message says why, for a person. */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }
}
