package com.poseops.training;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One step of a job's secondary-status timeline (SageMaker's SecondaryStatusTransitions), e.g. Downloading. */
public record StatusTransition(String status, Instant start, @Nullable Instant end, String message) {
}
