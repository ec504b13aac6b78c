package com.poseops.platform.persistence;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component "dataDirectory": DOWN when the data directory's disk has less free space than
 * {@code Operations.minFreeDiskSpace}, with what to do.
 */
class DataDirectoryHealthIndicator implements HealthIndicator {

    private final DataDirectory dataDirectory;

    DataDirectoryHealthIndicator(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public Health health() {
        DataDirectory.Space space = dataDirectory.measure();
        Health.Builder health = space.low() ? Health.down().withDetail("error", space.message(dataDirectory.root()))
                : Health.up();
        return health.withDetail("path", dataDirectory.root().toString())
                .withDetail("free", DiskFullException.megabytes(space.freeBytes()))
                .withDetail("minimumFree", DiskFullException.megabytes(space.minimumBytes()))
                .build();
    }
}
