package com.poseops.platform.persistence;

import java.nio.file.Path;

/** The database file is damaged: the start stops (or a restart gives up) with its name and what to do. */
public class DamagedDatabaseException extends DatabaseStartException {

    private final Path file;

    public DamagedDatabaseException(Path file, String reason, String action) {
        super("The database file " + file + " is damaged (" + reason + ").", action);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
