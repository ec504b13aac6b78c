package com.poseops.platform.persistence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A write under the data directory failed, or was not tried, because the disk is (nearly) full. The message says so
 * and what to do; the partial file is already gone.
 */
public class DiskFullException extends IOException {

    public DiskFullException(String message) {
        super(message);
    }

    /** Refused before writing: {@code free} bytes left, {@code minimum} wanted ({@code Operations.minFreeDiskSpace}). */
    static DiskFullException belowMinimum(Path directory, long free, long minimum) {
        return new DiskFullException(String.format(Locale.ROOT, "The data directory %s has %s free, less than the "
                + "%s PoseOps keeps free (Operations.minFreeDiskSpace). Free some space there (old uploads, logs) "
                + "and try again; nothing was changed.", directory, megabytes(free), megabytes(minimum)));
    }

    /** The file system said "no space left" while writing {@code file}. */
    static DiskFullException whileWriting(Path file) {
        return new DiskFullException("The disk of the data directory is full: " + file.getFileName()
                + " could not be written. Free some space there (old uploads, logs) and try again; the partial file "
                + "was removed.");
    }

    /** True when {@code error} is the file system saying that the disk is full. */
    public static boolean isDiskFull(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DiskFullException) {
                return true;
            }
            String message = cause.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("ENOSPC")
                    || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }
}
