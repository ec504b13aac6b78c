package com.poseops.platform.persistence;

import com.poseops.platform.persistence.local.DynamoDbLocalSupervisor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component "dynamoDb": every table answers, and in local mode the child process runs (DOWN
 * with "the database is restarting" while its supervisor starts a new one).
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
