package com.poseops.platform.persistence;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.OperationsSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.process.ChildLogs;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    /** Cleaned up (leftover .part files, tmp/) before anything else touches it. */
    @Bean(destroyMethod = "close")
    DataDirectory dataDirectory(PoseOpsSettings settings, OperationsSettings operations) {
        return DataDirectory.open(settings.dataDirectory(), operations.minFreeDiskSpace().toBytes());
    }

    /**
     * Local mode: DynamoDB Local starts in the background (the sign-in page does not wait for it) and is supervised
     * from then on. After the data directory's clean-up and with the child log policy in place.
     */
    @Bean(destroyMethod = "close")
    DynamoDbConnection dynamoDbConnection(PoseOpsSettings settings, AwsClients aws, DataDirectory dataDirectory,
            ChildLogs.Policy childLogs) {
        return DynamoDbConnection.startInBackground(settings, aws);
    }

    @Bean
    DatabaseStatus databaseStatus(DynamoDbConnection connection) {
        return connection.status();
    }

    @Bean
    DataDirectoryHealthIndicator dataDirectoryHealthIndicator(DataDirectory dataDirectory) {
        return new DataDirectoryHealthIndicator(dataDirectory);
    }

    @Bean(destroyMethod = "")
    DynamoDbClient dynamoDbClient(DynamoDbConnection connection) {
        return connection.client();
    }

    @Bean
    DynamoDbEnhancedClient dynamoDbEnhancedClient(DynamoDbClient client) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    }

    /**
     * The tables are ready (created or checked) before any request reaches them: in aws mode before any bean that
     * uses them gets this one (a missing table stops the start); in local mode they are created in the background
     * right after DynamoDB Local is up, and requests wait for that (see {@link DynamoDbConnection#prepare}).
     */
    @Bean
    DynamoDbTables dynamoDbTables(DynamoDbEnhancedClient enhanced, DynamoDbClient client, PoseOpsSettings settings,
            AwsSettings aws, List<TableDefinition<?>> definitions, DynamoDbConnection connection) {
        DynamoDbTables tables = new DynamoDbTables(enhanced, aws, definitions);
        TableProvisioner provisioner = new TableProvisioner(client, tables);
        if (settings.mode() == Mode.LOCAL) {
            connection.prepare(provisioner::createMissing);
        } else if (aws.createResources()) {
            provisioner.createMissing();
        } else {
            provisioner.requireAll();
        }
        return tables;
    }

    @Bean
    TableDefinition<SettingItem> consoleSettingsTable() {
        return ConsoleSettings.TABLE;
    }

    @Bean
    ConsoleSettings consoleSettings(DynamoDbTables tables, Clock clock) {
        return new ConsoleSettings(tables, clock);
    }

    @Bean
    DynamoDbHealthIndicator dynamoDbHealthIndicator(DynamoDbConnection connection, DynamoDbTables tables) {
        return new DynamoDbHealthIndicator(connection, tables);
    }
}
