package com.poseops.platform.persistence;

import com.poseops.platform.persistence.local.DynamoDbLocalSupervisor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component "dynamoDb": OUT_OF_SERVICE while the database starts (local mode, in the
 * background), then every table answers, and in local mode the child process runs (DOWN with "the database is
 * restarting" while its supervisor starts a new one).
 */
class DynamoDbHealthIndicator implements HealthIndicator {

    private final DynamoDbConnection connection;
    private final DynamoDbTables tables;

    DynamoDbHealthIndicator(DynamoDbConnection connection, DynamoDbTables tables) {
        this.connection = connection;
        this.tables = tables;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("database", connection.description());
        if (!connection.isReady()) {
            // Starting (local mode: DynamoDB Local and its tables come up after the sign-in page), or failed to.
            return connection.failure().map(reason -> health.down().withDetail("error", reason))
                    .orElseGet(() -> health.outOfService().withDetail("starting", "the database is starting"))
                    .build();
        }
        DynamoDbLocalSupervisor server = connection.localServer();
        if (server != null) {
            health.withDetail("pid", server.pid());
            DatabaseStatus.Snapshot status = server.current();
            if (!status.available()) {
                return health.down().withDetail("state", status.state().name())
                        .withDetail("error", status.message()).build();
            }
        }
        try {
            for (TableDefinition<?> definition : tables.definitions()) {
                String name = tables.physicalName(definition);
                connection.client().describeTable(r -> r.tableName(name));
            }
            return health.withDetail("tables", tables.definitions().size()).build();
        } catch (RuntimeException e) {
            return health.down().withDetail("error", e.getMessage() == null ? e.toString() : e.getMessage()).build();
        }
    }
}
