package com.poseops.inference.training;

/** Training cannot go on; the message is the job's failure reason, written for a person. */
public final class TrainingFailure extends Exception {

    public TrainingFailure(String message) {
        super(message);
    }

    public TrainingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
