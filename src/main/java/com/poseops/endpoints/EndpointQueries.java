package com.poseops.endpoints;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What other features (Pose, Models, Monitoring, Training, the Overview) may ask of the endpoint. All reads come from
 * the one poller of the console (however many pages are open, the control plane is asked once per interval), so they
 * are cheap and never call AWS on the caller's thread.
 */
public interface EndpointQueries {

    /** The latest known state of the endpoint. */
    EndpointSnapshot current();

    /** Calls {@code listener} (on a background thread) after every change; run the returned handle to stop. */
    Runnable onChange(Consumer<EndpointSnapshot> listener);

    /** Deployments that started or ended within [from, to], newest first (markers on the Monitoring charts). */
    List<Deployment> deployments(Instant from, Instant to);

    /** The model the endpoint serves now (the current configuration's), when there is an endpoint. */
    Optional<ServedModel> servingModel();

    /** The rollback alarms of this endpoint ({@link RollbackAlarm#define}), as deployments attach them. */
    List<RollbackAlarm> rollbackAlarms();

    /**
     * The alarms' current states as the control plane knows them (aws: CloudWatch's, from the poller's last look;
     * local: the local control plane's own evaluation). Missing: unknown.
     */
    Map<String, RollbackAlarm.State> alarmStates();
}
