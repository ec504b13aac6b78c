package com.poseops.platform.events;

import java.time.Instant;

/**
 * Something that happened in PoseOps that people should hear about. Sealed, so that the notification texts must say
 * something for every kind (a new kind does not compile until {@code NotificationTexts} handles it). A publisher
 * never waits for, or fails because of, what listeners do with it.
 */
public sealed interface PoseOpsEvent
        permits TrainingJobEnded, VersionAwaitingApproval, VersionDecided, DeploymentEnded, LatencyViolation {

    /** When it happened. */
    Instant at();
}
