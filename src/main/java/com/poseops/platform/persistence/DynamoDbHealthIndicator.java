package com.poseops.platform.persistence;

import com.poseops.platform.persistence.local.DynamoDbLocalServer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code /actuator/health} component "dynamoDb": every table answers, and in local mode the child process lives. */
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
        DynamoDbLocalServer server = connection.localServer();
        if (server != null) {
            health.withDetail("pid", server.pid());
            if (!server.isAlive()) {
                return health.down().withDetail("error", "DynamoDB Local is not running; restart PoseOps").build();
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
