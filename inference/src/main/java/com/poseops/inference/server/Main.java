package com.poseops.inference.server;

import com.poseops.inference.ModelLoadException;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.calibration.CalibratedEstimator;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Entry point of the inference server ({@code inference/serve} runs it): configuration from environment variables
 * (see {@link ServerConfig}), graceful stop on SIGTERM. Exit status 2 for a configuration error, 1 when the model
 * cannot be loaded or the port cannot be bound.
 */
public final class Main {

    private static final Logger LOG = System.getLogger(Main.class.getName());

    /**
     * Set by the console for a local endpoint: the pid of the console. A console killed with SIGKILL runs no shutdown
     * hook, so the endpoint watches it and stops itself instead of serving on as an orphan.
     */
    static final String PARENT_PID_VARIABLE = "INFERENCE_PARENT_PID";

    private Main() {
    }

    private static void exitWithParent(String parentPid) {
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        ProcessHandle parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(parentPid.trim())).orElse(null);
        } catch (NumberFormatException e) {
            System.err.println("poseops-inference: " + PARENT_PID_VARIABLE + " must be a process id, got " + parentPid);
            System.exit(2);
            return;
        }
        if (parent == null || !parent.isAlive()) {
            System.err.println("poseops-inference: the parent process " + parentPid + " is gone; exiting");
            System.exit(0);
            return;
        }
        parent.onExit().thenRun(() -> {
            System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " INFO The console (pid " + parentPid
                    + ") is gone; stopping");
            System.exit(0);
        });
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        ServerConfig config;
        Path model;
        try {
            config = ServerConfig.fromEnvironment(env);
            model = ServerConfig.resolveModel(env);
        } catch (IllegalArgumentException | ModelLoadException e) {
            System.err.println("poseops-inference: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.log(Level.INFO, "Model: {0}", model.toAbsolutePath());
        InferenceServer server;
        try {
            // A calibration.json next to the model (a trained version) turns the scores into calibrated probabilities.
            server = InferenceServer.start(config, () -> CalibratedEstimator.besideModel(
                    MoveNetEngine.loadWarmedUp(model, config.engineOptions()), model));
        } catch (IOException e) {
            System.err.println("poseops-inference: cannot listen on " + config.bindAddress() + ":" + config.port()
                    + " (" + e.getMessage() + "). Is another process using the port? Set SAGEMAKER_BIND_TO_PORT.");
            System.exit(1);
            return;
        }
        // SIGTERM (SageMaker, docker stop, the console) runs shutdown hooks: finish in-flight requests, then exit.
        // Printed directly: JUL's own shutdown hook may already have closed its handlers.
        Thread hook = Thread.ofPlatform().name("shutdown").unstarted(() -> {
            long start = System.nanoTime();
            System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " INFO Stopping: finishing in-flight requests, then exiting");
            server.stop();
            System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " INFO Stopped in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        });
        Runtime.getRuntime().addShutdownHook(hook);
        exitWithParent(env.get(PARENT_PID_VARIABLE));
        server.readiness().whenComplete((estimator, failure) -> {
            if (failure != null && !server.isStopping()) {
                System.err.println("poseops-inference: " + failure.getMessage());
                System.exit(1);
            }
        });
    }
}
