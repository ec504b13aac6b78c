package com.poseops.testsupport;

import com.poseops.endpoints.DeploymentHistory;
import com.poseops.endpoints.DeploymentLock;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointMonitor;
import com.poseops.endpoints.EndpointService;
import com.poseops.endpoints.InvocationObserver;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.endpoints.local.LocalControlPlane;
import com.poseops.endpoints.local.ModelDownload;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.InstanceSettings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.security.Authorization;
import com.poseops.registry.RegistryService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.context.ApplicationContext;

/**
 * A local endpoint of its own on the shared test console: a real {@link LocalControlPlane} (inference-server child
 * processes behind a front door on a free port), its own poller and service, all under a name no other test uses —
 * on the console's DynamoDB Local, audit log, authorization and registry. Closing it stops its processes; the stored
 * configurations stay, as they would after a console restart (see {@link #restart()}).
 */
public final class LocalEndpointRig implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ApplicationContext context;
    private final String endpointName;
    private final Path firstModel;
    private final double latencyThresholdSeconds;
    private final List<InvocationObserver> observers;
    private final List<Object> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LocalControlPlane controlPlane;
    private EndpointMonitor monitor;
    private EndpointService service;

    private LocalEndpointRig(ApplicationContext context, String endpointName, Path firstModel,
            double latencyThresholdSeconds, List<InvocationObserver> observers) {
        this.context = context;
        this.endpointName = endpointName;
        this.firstModel = firstModel;
        this.latencyThresholdSeconds = latencyThresholdSeconds;
        this.observers = List.copyOf(observers);
    }

    /**
     * Starts an endpoint named {@code endpointName} serving {@code firstModel} (when it has never been deployed).
     *
     * @param latencyThresholdSeconds the latency rollback alarm's threshold ({@code ModelMonitoring.threshold})
     */
    public static LocalEndpointRig start(ApplicationContext context, String endpointName, Path firstModel,
            double latencyThresholdSeconds) {
        return start(context, endpointName, firstModel, latencyThresholdSeconds, List.of());
    }

    /** {@link #start(ApplicationContext, String, Path, double)} with observers of the front door's traffic. */
    public static LocalEndpointRig start(ApplicationContext context, String endpointName, Path firstModel,
            double latencyThresholdSeconds, List<InvocationObserver> observers) {
        LocalEndpointRig rig = new LocalEndpointRig(context, endpointName, firstModel, latencyThresholdSeconds,
                observers);
        rig.open();
        return rig;
    }

    private void open() {
        Path data;
        try {
            data = Files.createDirectories(Path.of("target/test-data/endpoints", endpointName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Clock clock = Clock.systemUTC();
        DynamoDbTables tables = context.getBean(DynamoDbTables.class);
        controlPlane = LocalControlPlane.create(new LocalControlPlane.Settings(endpointName, endpointName + "-config",
                        endpointName + "-model", "ml.m5.xlarge", 1, Runtime.getRuntime().availableProcessors()),
                tables, firstModel, data, ModelDownload.unavailable("no download in tests"), 0, () -> observers, clock);
        DeploymentHistory history = new DeploymentHistory(tables);
        DeploymentLock lock = new DeploymentLock(tables);
        AuditLog auditLog = context.getBean(AuditLog.class);
        monitor = new EndpointMonitor(controlPlane, history, lock, auditLog, event -> {
                    published.add(event);
                    context.publishEvent(event);
                },
                RollbackAlarm.define(endpointName, latencyThresholdSeconds, 0.05, 60),
                EndpointMonitor.PollIntervals.LOCAL, clock);
        service = new EndpointService(controlPlane, monitor, history, lock, context.getBean(RegistryService.class),
                new InstanceSettings("ml.m5.xlarge", 1), context.getBean(Authorization.class), auditLog, clock);
        try {
            controlPlane.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        monitor.start();
    }

    /** Stops everything as a console stop would, and starts it again on the same stored state. */
    public void restart() {
        close();
        open();
    }

    public LocalControlPlane controlPlane() {
        return controlPlane;
    }

    public EndpointMonitor monitor() {
        return monitor;
    }

    public EndpointService service() {
        return service;
    }

    /** The events the rig's endpoint published (and passed on to the console), oldest first. */
    public List<Object> published() {
        return List.copyOf(published);
    }

    public String endpointName() {
        return endpointName;
    }

    /** The front door's base URL, what an SDK client's endpoint override points at. */
    public URI frontDoor() {
        return URI.create("http://127.0.0.1:" + controlPlane.frontDoorPort());
    }

    public EndpointDescription awaitInService() {
        return await("InService", d -> d.status() == EndpointDescription.Status.IN_SERVICE
                && d.pendingDeployment() == null, START_TIMEOUT);
    }

    /** Waits until the control plane's description matches (fails at once when the endpoint Failed otherwise). */
    public EndpointDescription await(String what, Predicate<EndpointDescription> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Optional<EndpointDescription> last = Optional.empty();
        while (Instant.now().isBefore(deadline)) {
            last = controlPlane.describe();
            if (last.isPresent() && condition.test(last.get())) {
                return last.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("Endpoint " + endpointName + " did not become " + what + " within "
                + timeout.toSeconds() + " s; last: " + last.orElse(null));
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }
}
