package com.poseops.monitoring;

import java.time.Instant;

/** A vertical line on the time charts: a deploy, a rollback or an automatic rollback, naming the versions. */
public record DeploymentMarker(Instant at, Kind kind, String label) {

    public enum Kind {
        DEPLOY, ROLLBACK, AUTO_ROLLBACK
    }
}
