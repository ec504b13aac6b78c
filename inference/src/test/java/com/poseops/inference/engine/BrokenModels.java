package com.poseops.inference.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Model files that are broken in ways the console must cope with, for tests outside this package. */
public final class BrokenModels {

    private BrokenModels() {
    }

    /**
     * A {@code .tflite} that passes every load-time check (the registry's upload check accepts it) but makes the
     * model fail whenever it runs — so an inference server fails its warm-up and exits. See
     * {@link TinyTfLiteModel#failsWhenRun()}.
     */
    public static Path loadsButFailsToRun(Path directory) throws IOException {
        return Files.write(Files.createDirectories(directory).resolve("fails-when-run.tflite"),
                TinyTfLiteModel.failsWhenRun());
    }
}
