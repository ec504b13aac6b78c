package com.poseops.endpoints.local;

import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The local endpoint as SageMaker would describe it, and the one place that state changes: every transition (Creating,
 * InService, Updating, Failed, back InService) is one synchronized method, and {@link #describe} reads it all at once.
 */
final class LocalEndpointState {

    static final String FIRST_VARIANT = "blue";

    private final String endpointName;
    private @Nullable Status status;
    private @Nullable String failureReason;
    private @Nullable LocalConfig servingConfig;
    private @Nullable Fleet serving;
    private @Nullable LocalRollout rollout;
    private @Nullable String creatingMessage;
    private Instant createdAt;
    private Instant lastModified;
    /** Alarms that sent the last deployment back, kept in ALARM until the next one starts (what the service reads). */
    private Set<String> firedAlarms = Set.of();

    LocalEndpointState(String endpointName, Instant now) {
        this.endpointName = endpointName;
        this.createdAt = now;
        this.lastModified = now;
    }

    // ---- transitions ----

    /** An endpoint that existed before the console restarted keeps its creation time. */
    synchronized void existsSince(Instant created) {
        createdAt = created;
    }

    synchronized Instant createdAt() {
        return createdAt;
    }

    /** Creating: {@code config} is about to be served; {@code message} says what is going on. */
    synchronized void creating(LocalConfig config, String message, Instant now) {
        status = Status.CREATING;
        failureReason = null;
        servingConfig = config;
        creatingMessage = message;
        lastModified = now;
    }

    /** A new endpoint (a first deploy, or one replacing a Failed endpoint); refused when one exists. */
    synchronized void creatingNew(LocalConfig config, Instant now) {
        if (status != null && status != Status.FAILED) {
            throw new EndpointBusyException("Endpoint " + endpointName + " already exists (" + status.label()
                    + "); deploy to it instead of creating it.");
        }
        createdAt = now;
        creating(config, "Starting " + config.model().label(), now);
    }

    synchronized void creatingMessage(String message) {
        creatingMessage = message;
    }

    /** The fleet being started for the configuration being created (its processes count from now on). */
    synchronized void servingFleet(Fleet fleet) {
        serving = fleet;
    }

    synchronized void inService(Instant now) {
        status = Status.IN_SERVICE;
        creatingMessage = null;
        lastModified = now;
    }

    synchronized void failed(@Nullable LocalConfig config, String reason, Instant now) {
        status = Status.FAILED;
        failureReason = reason;
        serving = null;
        if (config != null) {
            servingConfig = config;
        }
        creatingMessage = null;
        lastModified = now;
    }

    /**
     * Updating: {@code next} is the rollout of a new (or an earlier) configuration.
     *
     * @param start makes the rollout from the fleet serving now (blue)
     * @throws EndpointBusyException unless the endpoint is InService with a fleet that answers
     */
    synchronized LocalRollout updating(java.util.function.Function<Fleet, LocalRollout> start, Instant now) {
        Fleet blue = serving;
        if (status != Status.IN_SERVICE || blue == null || rollout != null || blue.readyCount() == 0) {
            throw new EndpointBusyException("Endpoint " + endpointName + " is "
                    + (status == null ? "not there" : shownStatus().label())
                    + "; a deployment can start once it is InService.");
        }
        LocalRollout next = start.apply(blue);
        rollout = next;
        status = Status.UPDATING;
        failureReason = null;
        firedAlarms = Set.of();
        lastModified = now;
        return next;
    }

    synchronized void rolledForward(Fleet green, Instant now) {
        serving = green;
        servingConfig = green.config();
        rollout = null;
        status = Status.IN_SERVICE;
        lastModified = now;
    }

    synchronized void rolledBack(@Nullable String reason, @Nullable String firedAlarm, Instant now) {
        rollout = null;
        status = Status.IN_SERVICE;
        failureReason = reason;
        firedAlarms = firedAlarm == null ? Set.of() : Set.of(firedAlarm);
        lastModified = now;
    }

    // ---- reading ----

    synchronized @Nullable Fleet serving() {
        return serving;
    }

    synchronized @Nullable LocalConfig servingConfig() {
        return servingConfig;
    }

    synchronized @Nullable LocalRollout rollout() {
        return rollout;
    }

    synchronized boolean creating() {
        return status == Status.CREATING;
    }

    synchronized Set<String> firedAlarms() {
        return firedAlarms;
    }

    /** DescribeEndpoint; empty while there is no endpoint. */
    synchronized Optional<EndpointDescription> describe(TrafficRouter router, ToIntFunction<LocalConfig> processes,
            Path logDirectory, Instant now) {
        LocalConfig config = servingConfig;
        if (status == null || config == null) {
            return Optional.empty();
        }
        EndpointDescription.PendingDeployment pending = null;
        LocalRollout running = rollout;
        if (running != null) {
            Fleet green = running.green();
            LocalConfig target = running.target();
            pending = new EndpointDescription.PendingDeployment(target.name(), running.startedAt(), List.of(
                    new Variant(running.greenVariant(), target.model(), target.instanceType(),
                            green == null ? 0 : green.readyCount(), processes.applyAsInt(target),
                            green == null ? 0 : router.weight(green), running.desiredShare(),
                            List.of(running.status()))));
        }
        return Optional.of(new EndpointDescription(endpointName, shownStatus(), failureReason, config.name(),
                List.of(servingVariant(config, router, processes, logDirectory, now)), pending, createdAt,
                lastModified));
    }

    /** OutOfService while no process of the serving fleet answers (the watchdog is starting them again). */
    private Status shownStatus() {
        Status shown = status == null ? Status.FAILED : status;
        if ((shown == Status.IN_SERVICE || shown == Status.UPDATING) && serving != null && serving.readyCount() == 0) {
            return Status.OUT_OF_SERVICE;
        }
        return shown;
    }

    private Variant servingVariant(LocalConfig config, TrafficRouter router, ToIntFunction<LocalConfig> processes,
            Path logDirectory, Instant now) {
        Fleet fleet = serving;
        List<VariantStatus> statuses = new ArrayList<>();
        if (status == Status.CREATING) {
            statuses.add(new VariantStatus(VariantStatusCode.CREATING, creatingMessage, lastModified));
        } else if (fleet != null && fleet.degraded()) {
            statuses.add(new VariantStatus(VariantStatusCode.UPDATING, "An inference process of "
                    + fleet.variantName() + " stopped and is being started again (log: " + logDirectory + ")", now));
        }
        double weight = fleet == null ? 0 : router.weight(fleet);
        double desired = rollout == null ? weight : 1 - rollout.desiredShare();
        return new Variant(fleet == null ? FIRST_VARIANT : fleet.variantName(), config.model(), config.instanceType(),
                fleet == null ? 0 : fleet.readyCount(), processes.applyAsInt(config), weight, desired, statuses);
    }
}
