package com.poseops.inference;

/** The model file is missing, unreadable, not a TensorFlow Lite model, or not a MoveNet SinglePose model. */
public final class ModelLoadException extends Exception {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
