package com.poseops.inference.tools;

/** Called while a model downloads (from the downloading thread). */
@FunctionalInterface
public interface DownloadProgress {

    /** Ignores progress. */
    DownloadProgress NONE = (bytesRead, totalBytes) -> { };

    /**
     * @param bytesRead  bytes received so far
     * @param totalBytes the size announced by the server, or -1 when unknown
     */
    void update(long bytesRead, long totalBytes);
}
