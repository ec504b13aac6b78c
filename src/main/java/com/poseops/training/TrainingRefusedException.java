package com.poseops.training;

/** A job cannot be started or stopped now; the message says why and what to do. */
public final class TrainingRefusedException extends IllegalStateException {

    public TrainingRefusedException(String message) {
        super(message);
    }
}
