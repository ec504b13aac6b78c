package com.poseops.endpoints.local;

import com.poseops.endpoints.ServedModel;
import com.poseops.inference.engine.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the local endpoint up (Creating → InService, or Failed with the reason): at a console start the configuration
 * it served before, else a first one from {@code PoseOps.modelPath} or the official model (downloaded once, with its
 * progress as the status message); and for a first deploy, the configuration of that version.
 */
final class LocalBringUp {

    private static final Logger log = LoggerFactory.getLogger(LocalBringUp.class);

    private final LocalControlPlane.Settings settings;
    private final LocalEndpointState state;
    private final LocalEndpointStore store;
    private final LocalModelSource firstModel;
    private final ProcessLauncher launcher;
    private final TrafficRouter router;
    private final ToIntFunction<LocalConfig> processes;
    private final Supplier<String> newConfigName;
    private final BooleanSupplier closed;
    private final Runnable publish;
    private final Clock clock;

    LocalBringUp(LocalControlPlane.Settings settings, LocalEndpointState state, LocalEndpointStore store,
            LocalModelSource firstModel, ProcessLauncher launcher, TrafficRouter router,
            ToIntFunction<LocalConfig> processes, Supplier<String> newConfigName, BooleanSupplier closed,
            Runnable publish, Clock clock) {
        this.settings = settings;
        this.state = state;
        this.store = store;
        this.firstModel = firstModel;
        this.launcher = launcher;
        this.router = router;
        this.processes = processes;
        this.newConfigName = newConfigName;
        this.closed = closed;
        this.publish = publish;
        this.clock = clock;
    }

    /** The configuration served before the console stopped, or else a first one from the configured model. */
    void atStart() {
        Optional<LocalEndpointStore.StoredEndpoint> stored = store.endpoint();
        if (stored.isPresent()) {
            state.existsSince(stored.get().createdAt());
            Optional<LocalConfig> config = store.config(stored.get().endpointConfigName());
            if (config.isEmpty()) {
                fail(null, "The endpoint's configuration " + stored.get().endpointConfigName() + " is missing from "
                        + "the database; deploy a version to replace it.");
                return;
            }
            creating(config.get(), "Starting " + config.get().model().label() + " (deployed before the console "
                    + "restarted)");
            launch(config.get());
            return;
        }
        String configName = newConfigName.get();
        creating(new LocalConfig(configName, new ServedModel(settings.modelName(), null, "file:/", null),
                settings.instanceType(), settings.instanceCount(), clock.instant()), "Looking for the model to serve…");
        LocalConfig config;
        try {
            Path model = firstModel.obtain(progress -> {
                state.creatingMessage("Downloading the MoveNet model… " + Math.round(progress * 100) + " %");
                publish.run();
            });
            config = new LocalConfig(configName, new ServedModel(ModelFile.displayName(model), null,
                    model.toUri().toString(), ModelFile.sha256(model)), settings.instanceType(),
                    settings.instanceCount(), clock.instant());
        } catch (LocalModelSource.ModelUnavailableException e) {
            fail(null, e.getMessage());
            return;
        } catch (IOException e) {
            fail(null, "The model to serve cannot be read: " + e.getMessage());
            return;
        }
        store.save(config);
        creating(config, "Starting " + config.model().label());
        launch(config);
    }

    private void creating(LocalConfig config, String message) {
        state.creating(config, message, clock.instant());
        publish.run();
    }

    /** Starts the fleet of {@code config} and, once it answers, routes all traffic to it (Creating → InService). */
    void launch(LocalConfig config) {
        if (closed.getAsBoolean()) {
            return;
        }
        Fleet fleet;
        try {
            fleet = Fleet.launch(LocalEndpointState.FIRST_VARIANT, config, processes.applyAsInt(config), launcher);
        } catch (IOException e) {
            fail(config, "The inference process of " + config.model().label() + " could not be started: "
                    + e.getMessage());
            return;
        }
        state.servingFleet(fleet);
        publish.run();
        try {
            fleet.awaitReady(closed);
        } catch (Fleet.StartFailedException e) {
            fleet.stopNow();
            fail(config, e.getMessage());
            return;
        } catch (InterruptedException e) {
            fleet.stopNow();
            Thread.currentThread().interrupt();
            return;
        }
        if (closed.getAsBoolean()) {
            fleet.stopNow();
            return;
        }
        router.routeAll(fleet);
        fleet.open();
        state.inService(clock.instant());
        publish.run();
        store.serving(config.name(), state.createdAt());
        log.info("Endpoint {} is InService: {} on {} process(es)", settings.endpointName(), config.model().label(),
                fleet.backends().size());
    }

    private void fail(@Nullable LocalConfig config, String reason) {
        log.warn("Endpoint {} failed: {}", settings.endpointName(), reason);
        state.failed(config, reason, clock.instant());
        publish.run();
    }
}
