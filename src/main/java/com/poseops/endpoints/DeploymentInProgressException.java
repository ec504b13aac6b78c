package com.poseops.endpoints;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A deploy or rollback refused because another one holds the endpoint; the message names who and since when. */
public class DeploymentInProgressException extends RuntimeException {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final DeploymentLock.Claim holder;

    public DeploymentInProgressException(DeploymentLock.Claim holder) {
        super("One deployment at a time: " + holder.heldBy() + " started " + holder.action() + " of endpoint "
                + holder.endpointName() + " at " + TIME.format(holder.since()) + ". Wait until it ends (or abort it) "
                + "and try again.");
        this.holder = holder;
    }

    public DeploymentLock.Claim holder() {
        return holder;
    }
}
