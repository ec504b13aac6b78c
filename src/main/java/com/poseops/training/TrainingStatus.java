package com.poseops.training;

import java.util.Locale;

/** SageMaker's TrainingJobStatus, used by both modes. */
public enum TrainingStatus {
    IN_PROGRESS("InProgress"), COMPLETED("Completed"), FAILED("Failed"), STOPPING("Stopping"), STOPPED("Stopped");

    private final String sageMakerName;

    TrainingStatus(String sageMakerName) {
        this.sageMakerName = sageMakerName;
    }

    /** The name SageMaker uses, e.g. {@code InProgress}; also what the pages show. */
    public String label() {
        return sageMakerName;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }

    public static TrainingStatus fromSageMaker(String name) {
        for (TrainingStatus status : values()) {
            if (status.sageMakerName.equalsIgnoreCase(name) || status.name().equalsIgnoreCase(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown training job status " + name.toLowerCase(Locale.ROOT));
    }
}
