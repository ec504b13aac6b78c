package com.poseops.monitoring;

import com.poseops.endpoints.RollbackAlarm;
import org.jspecify.annotations.Nullable;

/**
 * A rollback alarm and its state as the page shows it.
 *
 * @param state  null when it is not known (aws: the endpoint's poller has not read it yet)
 * @param source "CloudWatch" (aws) or "PoseOps" (local: evaluated over the recorded minutes)
 */
public record AlarmStatus(RollbackAlarm alarm, RollbackAlarm.@Nullable State state, String source) {
}
