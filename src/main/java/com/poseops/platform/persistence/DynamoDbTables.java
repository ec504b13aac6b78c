package com.poseops.platform.persistence;

import com.poseops.platform.config.AwsSettings;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/** Hands out the enhanced-client table for a definition, with the configured table-name prefix applied. */
public class DynamoDbTables {

    private final DynamoDbEnhancedClient client;
    private final String prefix;
    private final List<TableDefinition<?>> definitions;

    public DynamoDbTables(DynamoDbEnhancedClient client, AwsSettings aws, List<TableDefinition<?>> definitions) {
        this.client = client;
        this.prefix = aws.tablePrefix();
        this.definitions = List.copyOf(definitions);
    }

    public <T> DynamoDbTable<T> table(TableDefinition<T> definition) {
        return client.table(physicalName(definition), definition.schema());
    }

    public String physicalName(TableDefinition<?> definition) {
        return prefix + definition.name();
    }

    public List<TableDefinition<?>> definitions() {
        return definitions;
    }
}
