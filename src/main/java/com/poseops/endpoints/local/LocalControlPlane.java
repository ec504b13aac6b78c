package com.poseops.endpoints.local;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentTarget;
import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointControlPlane;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.endpoints.InvocationObserver;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.endpoints.ServedModel;
import com.poseops.endpoints.VariantProcesses;
import com.poseops.inference.engine.ModelFile;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint of local mode, playing SageMaker's part behind the same port: fleets of inference-server processes
 * (processes stand in for instances) behind the {@link FrontDoor}, deployed blue/green by {@link LocalRollout}s, the
 * configurations kept in DynamoDB ({@link LocalEndpointStore}) so that a restarted console serves the last deployed
 * version again. The first start creates the endpoint from {@code PoseOps.modelPath} (or the official model,
 * downloaded once); that is only the first version.
 * <p>
 * Everything SageMaker would say appears in its words: Creating while the first fleet starts (the model download is
 * the variant's status message), InService, Updating during a deployment with the green fleet as the pending
 * deployment, OutOfService while every process of the serving fleet is being restarted, Failed with the reason.
 */
public final class LocalControlPlane implements EndpointControlPlane, VariantProcesses, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalControlPlane.class);
    private static final String FIRST_VARIANT = "blue";
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What the local endpoint is made of: names from config.yml, where models and logs are, the fleet. */
    public record Settings(String endpointName, String endpointConfigName, String modelName, String instanceType,
            int instanceCount, int maxProcessesPerFleet) {
    }

    private final Settings settings;
    private final LocalEndpointStore store;
    private final LocalModelSource firstModel;
    private final ProcessLauncher launcher;
    private final TrafficRouter router;
    private final LocalAlarms alarms;
    private final FrontDoor frontDoor;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, RollbackAlarm> alarmDefinitions = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("local-endpoint-", 0).factory());
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-endpoint-watchdog").daemon().factory());

    // The endpoint as SageMaker would describe it; guarded by this.
    private @Nullable Status status;
    private @Nullable String failureReason;
    private @Nullable LocalConfig servingConfig;
    private @Nullable Fleet serving;
    private @Nullable LocalRollout rollout;
    private @Nullable Thread rolloutThread;
    private @Nullable String creatingMessage;
    private Instant createdAt;
    private Instant lastModified;
    /** Alarms that sent the last deployment back, kept in ALARM until the next one starts (what the service reads). */
    private Set<String> firedAlarms = Set.of();
    private volatile boolean closed;

    LocalControlPlane(Settings settings, LocalEndpointStore store, LocalModelSource firstModel, ProcessLauncher launcher,
            int frontDoorPort, Supplier<List<InvocationObserver>> observers, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.firstModel = firstModel;
        this.launcher = launcher;
        this.router = new TrafficRouter();
        this.alarms = new LocalAlarms();
        this.frontDoor = new FrontDoor(settings.endpointName(), frontDoorPort, router, alarms, observers,
                this::describe, launcher.logDirectory(), clock);
        this.clock = clock;
        this.createdAt = clock.instant();
        this.lastModified = createdAt;
    }

    /** The DynamoDB table of the local endpoint's configurations ({@code <prefix>local-endpoints}). */
    public static final TableDefinition<LocalEndpointItem> TABLE = LocalEndpointStore.TABLE;

    /**
     * The console's local endpoint.
     *
     * @param configuredModel {@code PoseOps.modelPath} (null: the official model, downloaded into
     *                        {@code <dataDir>/models}); only used when the endpoint is created the first time
     * @param frontDoorPort   {@code LocalEndpoint.port} (0: any free port)
     * @param observers       told about every request the front door routes
     */
    public static LocalControlPlane create(Settings settings, DynamoDbTables tables, @Nullable Path configuredModel,
            Path dataDirectory, ModelDownload download, int frontDoorPort,
            Supplier<List<InvocationObserver>> observers, Clock clock) {
        return new LocalControlPlane(settings, new LocalEndpointStore(tables, settings.endpointName()),
                ModelSources.configuredOrDownloaded(configuredModel, dataDirectory.resolve("models"), download),
                ProcessLauncher.forThisMachine(dataDirectory.resolve("logs")), frontDoorPort, observers, clock);
    }

    /**
     * Opens the front door (so that its port is known and logged at once) and brings the endpoint up in the
     * background: the configuration it served before the console stopped, or else a first one from the configured
     * or downloaded model.
     *
     * @throws IOException when the front door's port cannot be bound
     */
    public void start() throws IOException {
        frontDoor.start();
        watchdog.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        worker.execute(this::bringUp);
    }

    /** The front door's port (useful when {@code LocalEndpoint.port} is 0). */
    public int frontDoorPort() {
        return frontDoor.port();
    }

    @Override
    public String endpointName() {
        return settings.endpointName();
    }

    @Override
    public URI invocationUrl() {
        return frontDoor.invocationUrl();
    }

    @Override
    public Runnable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    // ---- describing ----

    @Override
    public synchronized Optional<EndpointDescription> describe() {
        LocalConfig config = servingConfig;
        if (status == null || config == null) {
            return Optional.empty();
        }
        List<Variant> variants = List.of(servingVariant(config));
        EndpointDescription.PendingDeployment pending = null;
        LocalRollout running = rollout;
        if (running != null) {
            Fleet green = running.green();
            LocalConfig target = running.target();
            pending = new EndpointDescription.PendingDeployment(target.name(), running.startedAt(), List.of(
                    new Variant(running.greenVariant(), target.model(), target.instanceType(),
                            green == null ? 0 : green.readyCount(), processesFor(target),
                            green == null ? 0 : router.weight(green), running.desiredShare(),
                            List.of(running.status()))));
        }
        Status shown = status;
        if ((status == Status.IN_SERVICE || status == Status.UPDATING) && serving != null
                && serving.readyCount() == 0) {
            shown = Status.OUT_OF_SERVICE;
        }
        return Optional.of(new EndpointDescription(settings.endpointName(), shown, failureReason, config.name(),
                variants, pending, createdAt, lastModified));
    }

    private Variant servingVariant(LocalConfig config) {
        Fleet fleet = serving;
        List<VariantStatus> statuses = new ArrayList<>();
        if (status == Status.CREATING) {
            statuses.add(new VariantStatus(VariantStatusCode.CREATING, creatingMessage, lastModified));
        } else if (fleet != null && fleet.degraded()) {
            statuses.add(new VariantStatus(VariantStatusCode.UPDATING, "An inference process of "
                    + fleet.variantName() + " stopped and is being started again (log: " + launcher.logDirectory()
                    + ")", clock.instant()));
        }
        double weight = fleet == null ? 0 : router.weight(fleet);
        LocalRollout running = rollout;
        double desired = running == null ? weight : 1 - running.desiredShare();
        return new Variant(fleet == null ? FIRST_VARIANT : fleet.variantName(), config.model(), config.instanceType(),
                fleet == null ? 0 : fleet.readyCount(), processesFor(config), weight, desired, statuses);
    }

    @Override
    public Map<String, List<Long>> pidsByVariant() {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        Fleet fleet = serving;
        if (fleet != null) {
            pids.put(fleet.variantName(), fleet.pids());
        }
        LocalRollout running = rollout;
        Fleet green = running == null ? null : running.green();
        if (green != null) {
            pids.put(green.variantName(), green.pids());
        }
        return pids;
    }

    /** The base URLs of the serving fleet's processes (for the benchmark that compares them with the front door). */
    List<URI> servingProcessUris() {
        Fleet fleet = serving;
        return fleet == null ? List.of() : fleet.backends().stream().map(b -> b.process().baseUri()).toList();
    }

    // ---- creating and updating ----

    @Override
    public String create(DeploymentTarget target) {
        LocalConfig config;
        synchronized (this) {
            if (status != null && status != Status.FAILED) {
                throw new EndpointBusyException("Endpoint " + settings.endpointName() + " already exists ("
                        + status.label() + "); deploy to it instead of creating it.");
            }
            config = configFor(target);
            store.save(config);
            status = Status.CREATING;
            failureReason = null;
            servingConfig = config;
            creatingMessage = "Starting " + config.model().label();
            createdAt = clock.instant();
            lastModified = createdAt;
        }
        publish();
        worker.execute(() -> launchServing(config));
        return config.name();
    }

    @Override
    public String update(DeploymentTarget target, DeploymentPolicy policy, List<RollbackAlarm> alarmsOfDeployment) {
        LocalConfig config = configFor(target);
        startRollout(config, policy, alarmsOfDeployment, true);
        return config.name();
    }

    @Override
    public void updateTo(String existingEndpointConfigName, DeploymentPolicy policy,
            List<RollbackAlarm> alarmsOfDeployment) {
        LocalConfig config = store.config(existingEndpointConfigName).orElseThrow(() ->
                new EndpointUnavailableException("Endpoint configuration " + existingEndpointConfigName
                        + " no longer exists, so the endpoint cannot go back to it.", null));
        startRollout(config, policy, alarmsOfDeployment, false);
    }

    private void startRollout(LocalConfig config, DeploymentPolicy policy, List<RollbackAlarm> alarmsOfDeployment,
            boolean save) {
        synchronized (this) {
            Fleet blue = serving;
            if (status != Status.IN_SERVICE || blue == null || rollout != null || blue.readyCount() == 0) {
                throw new EndpointBusyException("Endpoint " + settings.endpointName() + " is "
                        + (status == null ? "not there" : describe().map(d -> d.status().label()).orElse("busy"))
                        + "; a deployment can start once it is InService.");
            }
            if (!Files.isRegularFile(config.modelFile())) {
                throw new EndpointUnavailableException("The model file of " + config.model().label() + " ("
                        + config.modelFile() + ") is missing, so it cannot be deployed.", null);
            }
            if (save) {
                store.save(config);
            }
            String greenVariant = FIRST_VARIANT.equals(blue.variantName()) ? "green" : FIRST_VARIANT;
            LocalRollout next = new LocalRollout(blue, config, greenVariant, processesFor(config), policy,
                    alarmsOfDeployment, router, alarms, launcher, new RolloutOutcome(), clock);
            rollout = next;
            status = Status.UPDATING;
            failureReason = null;
            firedAlarms = Set.of();
            lastModified = clock.instant();
            rolloutThread = Thread.ofPlatform().name("local-rollout-" + config.name()).daemon().start(next);
        }
        publish();
    }

    @Override
    public void abortDeployment(String reason) {
        LocalRollout running;
        synchronized (this) {
            running = rollout;
        }
        if (running != null) {
            running.abort(reason);
        }
    }

    /** What a rollout tells the control plane; runs on the rollout's thread. */
    private final class RolloutOutcome implements LocalRollout.Outcome {
        @Override
        public void changed() {
            publish();
        }

        @Override
        public void rolledForward(Fleet green) {
            synchronized (LocalControlPlane.this) {
                serving = green;
                servingConfig = green.config();
                rollout = null;
                status = Status.IN_SERVICE;
                lastModified = clock.instant();
            }
            store.serving(green.config().name(), createdAt);
            log.info("Endpoint {} now serves {} ({}) on variant {}", settings.endpointName(),
                    green.config().model().label(), green.config().name(), green.variantName());
            publish();
        }

        @Override
        public void rolledBack(@Nullable String reason, @Nullable String firedAlarm) {
            synchronized (LocalControlPlane.this) {
                rollout = null;
                status = Status.IN_SERVICE;
                failureReason = reason;
                firedAlarms = firedAlarm == null ? Set.of() : Set.of(firedAlarm);
                lastModified = clock.instant();
            }
            publish();
        }
    }

    // ---- alarms and configurations ----

    @Override
    public void putAlarms(List<RollbackAlarm> definitions) {
        definitions.forEach(alarm -> alarmDefinitions.put(alarm.name(), alarm));
    }

    @Override
    public Map<String, RollbackAlarm.State> alarmStates(Collection<String> alarmNames) {
        Set<String> fired;
        synchronized (this) {
            fired = firedAlarms;
        }
        Map<String, RollbackAlarm.State> states = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (String name : alarmNames) {
            RollbackAlarm alarm = alarmDefinitions.get(name);
            if (fired.contains(name)) {
                states.put(name, RollbackAlarm.State.ALARM);
            } else if (alarm != null) {
                states.put(name, alarms.evaluate(alarm, Instant.EPOCH, now, null));
            }
        }
        return states;
    }

    @Override
    public void deleteConfigsExcept(Collection<String> keep) {
        Set<String> inUse = new HashSet<>(keep);
        synchronized (this) {
            if (servingConfig != null) {
                inUse.add(servingConfig.name());
            }
            if (rollout != null) {
                inUse.add(rollout.target().name());
            }
        }
        for (LocalConfig config : store.configs()) {
            if (!inUse.contains(config.name())) {
                store.delete(config.name());
                log.info("Deleted endpoint configuration {} ({})", config.name(), config.model().label());
            }
        }
    }

    // ---- bringing the endpoint up ----

    private void bringUp() {
        Optional<LocalEndpointStore.StoredEndpoint> stored = store.endpoint();
        if (stored.isPresent()) {
            Optional<LocalConfig> config = store.config(stored.get().endpointConfigName());
            synchronized (this) {
                createdAt = stored.get().createdAt();
            }
            if (config.isEmpty()) {
                fail(null, "The endpoint's configuration " + stored.get().endpointConfigName() + " is missing from "
                        + "the database; deploy a version to replace it.");
                return;
            }
            startingUp(config.get(), "Starting " + config.get().model().label() + " (deployed before the console "
                    + "restarted)");
            launchServing(config.get());
            return;
        }
        String configName = newConfigName();
        ServedModel placeholder = new ServedModel(settings.modelName(), null, "file:/", null);
        startingUp(new LocalConfig(configName, placeholder, settings.instanceType(), settings.instanceCount(),
                clock.instant()), "Looking for the model to serve…");
        Path model;
        try {
            model = firstModel.obtain(progress -> {
                synchronized (this) {
                    creatingMessage = "Downloading the MoveNet model… " + Math.round(progress * 100) + " %";
                }
                publish();
            });
        } catch (LocalModelSource.ModelUnavailableException e) {
            log.warn("No local endpoint: {}", e.getMessage());
            fail(null, e.getMessage());
            return;
        }
        LocalConfig config;
        try {
            config = new LocalConfig(configName, new ServedModel(ModelFile.displayName(model), null,
                    model.toUri().toString(), ModelFile.sha256(model)), settings.instanceType(),
                    settings.instanceCount(), clock.instant());
        } catch (IOException e) {
            fail(null, "The model " + model + " cannot be read: " + e.getMessage());
            return;
        }
        store.save(config);
        startingUp(config, "Starting " + config.model().label());
        launchServing(config);
    }

    private void startingUp(LocalConfig config, String message) {
        synchronized (this) {
            status = Status.CREATING;
            servingConfig = config;
            creatingMessage = message;
            lastModified = clock.instant();
        }
        publish();
    }

    /** Starts the fleet of {@code config} and, once it answers, routes all traffic to it (Creating → InService). */
    private void launchServing(LocalConfig config) {
        if (closed) {
            return;
        }
        Fleet fleet;
        try {
            fleet = Fleet.launch(FIRST_VARIANT, config, processesFor(config), launcher);
        } catch (IOException e) {
            fail(config, "The inference process of " + config.model().label() + " could not be started: "
                    + e.getMessage());
            return;
        }
        synchronized (this) {
            serving = fleet;
        }
        publish();
        try {
            fleet.awaitReady(() -> closed);
        } catch (Fleet.StartFailedException e) {
            fleet.stopNow();
            fail(config, e.getMessage());
            return;
        } catch (InterruptedException e) {
            fleet.stopNow();
            Thread.currentThread().interrupt();
            return;
        }
        if (closed) {
            fleet.stopNow();
            return;
        }
        router.routeAll(fleet);
        fleet.open();
        synchronized (this) {
            status = Status.IN_SERVICE;
            creatingMessage = null;
            lastModified = clock.instant();
        }
        store.serving(config.name(), createdAt);
        log.info("Endpoint {} is InService: {} on {} process(es); invoke it at {}", settings.endpointName(),
                config.model().label(), fleet.backends().size(), invocationUrl());
        publish();
    }

    private void fail(@Nullable LocalConfig config, String reason) {
        log.warn("Endpoint {} failed: {}", settings.endpointName(), reason);
        synchronized (this) {
            status = Status.FAILED;
            failureReason = reason;
            serving = null;
            if (config != null) {
                servingConfig = config;
            }
            creatingMessage = null;
            lastModified = clock.instant();
        }
        publish();
    }

    private void watch() {
        Fleet blue;
        Fleet green;
        synchronized (this) {
            blue = serving;
            green = rollout == null ? null : rollout.green();
        }
        try {
            if (blue != null && status != Status.CREATING) {
                blue.watch(worker, this::publish);
            }
            if (green != null) {
                green.watch(worker, this::publish);
            }
        } catch (RuntimeException e) {
            log.warn("The endpoint watchdog failed: {}", e.toString());
        }
    }

    // ---- helpers ----

    private LocalConfig configFor(DeploymentTarget target) {
        URI artifact = URI.create(target.artifactUri());
        if (!"file".equals(artifact.getScheme())) {
            throw new EndpointUnavailableException("Local mode deploys model files on this machine; "
                    + target.artifactUri() + " is not one.", null);
        }
        String modelName = truncate(settings.modelName(), 50) + "-v" + target.version();
        return new LocalConfig(newConfigName(), new ServedModel(modelName, target.version(), target.artifactUri(),
                target.sha256()), target.instanceType(), target.instanceCount(), clock.instant());
    }

    /** A new name per configuration derived from {@code EndpointConfig.endpointConfigName}, as in aws mode. */
    private String newConfigName() {
        return truncate(settings.endpointConfigName(), 40) + "-" + NAME_TIME.format(clock.instant()) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** {@code Instance.instanceCount} processes, at most one per core (a process stands in for an instance). */
    int processesFor(LocalConfig config) {
        return Math.max(1, Math.min(config.instanceCount(), settings.maxProcessesPerFleet()));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private void publish() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.debug("An endpoint listener failed", e);
            }
        }
    }

    /** Stops every process (SIGTERM, then SIGKILL) and the front door; the stored configuration stays. */
    @Override
    public void close() {
        closed = true;
        Thread rolling;
        Fleet blue;
        Fleet green;
        synchronized (this) {
            rolling = rolloutThread;
            blue = serving;
            green = rollout == null ? null : rollout.green();
        }
        watchdog.shutdownNow();
        if (rolling != null) {
            rolling.interrupt();
        }
        if (green != null) {
            green.stopNow();
        }
        if (blue != null) {
            blue.stopNow();
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(Fleet.STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            if (rolling != null) {
                rolling.join(Fleet.STOP_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a fleet started while closing (a restart, a rollout's green) is stopped by whoever started it
        Fleet late;
        synchronized (this) {
            late = rollout == null ? null : rollout.green();
        }
        if (late != null) {
            late.stopNow();
        }
        frontDoor.close();
    }
}
