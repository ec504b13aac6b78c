package com.poseops.endpoints.local;

import java.nio.file.Path;
import java.util.function.DoubleConsumer;

/** Fetches the official MoveNet model (Thunder float16) into a cache directory, verified; used when none is configured. */
@FunctionalInterface
public interface ModelDownload {

    /**
     * @param progress 0..1 as the download goes
     * @return the verified .tflite file
     * @throws Exception with a message that says what failed (no network, bad checksum …)
     */
    Path fetch(Path cacheDirectory, DoubleConsumer progress) throws Exception;

    /** For builds and tests without a downloader: always fails with {@code reason}. */
    static ModelDownload unavailable(String reason) {
        return (cacheDirectory, progress) -> {
            throw new IllegalStateException(reason);
        };
    }
}
