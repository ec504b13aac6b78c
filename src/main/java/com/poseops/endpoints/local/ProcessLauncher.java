package com.poseops.endpoints.local;

import java.io.IOException;
import java.nio.file.Path;

/** Starts inference-server processes the same way for every fleet: the console's own runtime, logs, workers. */
record ProcessLauncher(InferenceLaunchCommand command, Path logDirectory, int workersPerProcess) {

    InferenceProcess start(String name, Path model) throws IOException {
        return InferenceProcess.start(name, model, command, logDirectory, workersPerProcess);
    }

    /** The console's processes: a worker thread per core, at most two (a process stands in for one instance). */
    static ProcessLauncher forThisMachine(Path logDirectory) {
        int workers = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        return new ProcessLauncher(InferenceLaunchCommand.forCurrentRuntime(), logDirectory, workers);
    }
}
