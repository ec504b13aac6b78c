package com.poseops.endpoints.local;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentTarget;
import com.poseops.endpoints.EndpointControlPlane;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.endpoints.InvocationObserver;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.endpoints.ServedModel;
import com.poseops.endpoints.VariantProcesses;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * Everything SageMaker would say appears in its words ({@link LocalEndpointState}): Creating while the first fleet
 * starts (the model download is the variant's status message), InService, Updating during a deployment with the green
 * fleet as the pending deployment, OutOfService while every process of the serving fleet is being restarted, Failed
 * with the reason.
 */
public final class LocalControlPlane implements EndpointControlPlane, VariantProcesses, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalControlPlane.class);
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The DynamoDB table of the local endpoint's configurations ({@code <prefix>local-endpoints}). */
    public static final TableDefinition<LocalEndpointItem> TABLE = LocalEndpointStore.TABLE;

    /** What the local endpoint is made of: names from config.yml, the fleet, and at most one process per core. */
    public record Settings(String endpointName, String endpointConfigName, String modelName, String instanceType,
            int instanceCount, int maxProcessesPerFleet) {
    }

    private final Settings settings;
    private final LocalEndpointStore store;
    private final ProcessLauncher launcher;
    private final TrafficRouter router = new TrafficRouter();
    private final LocalAlarms alarms = new LocalAlarms();
    private final FrontDoor frontDoor;
    private final Clock clock;
    private final LocalEndpointState state;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, RollbackAlarm> alarmDefinitions = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("local-endpoint-", 0).factory());
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("local-endpoint-watchdog").daemon().factory());
    private final LocalBringUp bringUp;
    private volatile @Nullable Thread rolloutThread;
    private volatile boolean closed;

    LocalControlPlane(Settings settings, LocalEndpointStore store, LocalModelSource firstModel, ProcessLauncher launcher,
            int frontDoorPort, Supplier<List<InvocationObserver>> observers, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.launcher = launcher;
        this.clock = clock;
        this.state = new LocalEndpointState(settings.endpointName(), clock.instant());
        this.frontDoor = new FrontDoor(settings.endpointName(), frontDoorPort, router, alarms, observers,
                this::describe, launcher.logDirectory(), clock);
        this.bringUp = new LocalBringUp(settings, state, store, firstModel, launcher, router, this::processesFor,
                this::newConfigName, () -> closed, this::publish, clock);
    }

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
        worker.execute(bringUp::atStart);
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

    @Override
    public Optional<EndpointDescription> describe() {
        return state.describe(router, this::processesFor, launcher.logDirectory(), clock.instant());
    }

    @Override
    public Map<String, List<Long>> pidsByVariant() {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        Fleet blue = state.serving();
        if (blue != null) {
            pids.put(blue.variantName(), blue.pids());
        }
        Fleet green = green();
        if (green != null) {
            pids.put(green.variantName(), green.pids());
        }
        return pids;
    }

    /** The base URLs of the serving fleet's processes (for the benchmark that compares them with the front door). */
    List<URI> servingProcessUris() {
        Fleet fleet = state.serving();
        return fleet == null ? List.of() : fleet.backends().stream().map(b -> b.process().baseUri()).toList();
    }

    // ---- creating and updating ----

    @Override
    public String create(DeploymentTarget target) {
        LocalConfig config = configFor(target);
        state.creatingNew(config, clock.instant());
        store.save(config);
        publish();
        worker.execute(() -> bringUp.launch(config));
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
        if (!Files.isRegularFile(config.modelFile())) {
            throw new EndpointUnavailableException("The model file of " + config.model().label() + " ("
                    + config.modelFile() + ") is missing, so it cannot be deployed.", null);
        }
        if (save) {
            store.save(config);
        }
        LocalRollout rollout = state.updating(blue -> new LocalRollout(blue, config,
                LocalEndpointState.FIRST_VARIANT.equals(blue.variantName()) ? "green" : LocalEndpointState.FIRST_VARIANT,
                processesFor(config), policy, alarmsOfDeployment, router, alarms, launcher, new RolloutOutcome(),
                clock), clock.instant());
        rolloutThread = Thread.ofPlatform().name("local-rollout-" + config.name()).daemon().start(rollout);
        publish();
    }

    @Override
    public void abortDeployment(String reason) {
        LocalRollout running = state.rollout();
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
            state.rolledForward(green, clock.instant());
            store.serving(green.config().name(), state.createdAt());
            log.info("Endpoint {} now serves {} ({}) on variant {}", settings.endpointName(),
                    green.config().model().label(), green.config().name(), green.variantName());
            publish();
        }

        @Override
        public void rolledBack(@Nullable String reason, @Nullable String firedAlarm) {
            state.rolledBack(reason, firedAlarm, clock.instant());
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
        Set<String> fired = state.firedAlarms();
        Map<String, RollbackAlarm.State> states = new LinkedHashMap<>();
        for (String name : alarmNames) {
            RollbackAlarm alarm = alarmDefinitions.get(name);
            if (fired.contains(name)) {
                states.put(name, RollbackAlarm.State.ALARM);
            } else if (alarm != null) {
                states.put(name, alarms.evaluate(alarm, java.time.Instant.EPOCH, clock.instant(), null));
            }
        }
        return states;
    }

    @Override
    public void deleteConfigsExcept(Collection<String> keep) {
        Set<String> inUse = new HashSet<>(keep);
        LocalConfig serving = state.servingConfig();
        if (serving != null) {
            inUse.add(serving.name());
        }
        LocalRollout running = state.rollout();
        if (running != null) {
            inUse.add(running.target().name());
        }
        for (LocalConfig config : store.configs()) {
            if (!inUse.contains(config.name())) {
                store.delete(config.name());
                log.info("Deleted endpoint configuration {} ({})", config.name(), config.model().label());
            }
        }
    }

    /** The watchdog's turn, once a second, over both fleets. */
    private void watch() {
        try {
            Fleet blue = state.serving();
            if (blue != null && !state.creating()) {
                blue.watch(worker, this::publish);
            }
            Fleet green = green();
            if (green != null) {
                green.watch(worker, this::publish);
            }
        } catch (RuntimeException e) {
            log.warn("The endpoint watchdog failed: {}", e.toString());
        }
    }

    // ---- helpers ----

    private @Nullable Fleet green() {
        LocalRollout running = state.rollout();
        return running == null ? null : running.green();
    }

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
        watchdog.shutdownNow();
        Thread rolling = rolloutThread;
        if (rolling != null) {
            rolling.interrupt();
        }
        Fleet green = green();
        if (green != null) {
            green.stopNow();
        }
        Fleet blue = state.serving();
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
        Fleet late = green(); // a green fleet its rollout started while the console was closing
        if (late != null) {
            late.stopNow();
        }
        frontDoor.close();
    }
}
