package com.poseops.platform.persistence;

import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * One DynamoDB table of PoseOps, declared by the feature that owns it. The same definition creates the table in
 * local mode, checks it in aws mode and is compared with infra/cloudformation in a test.
 *
 * @param name                 the table name without the configured prefix, e.g. {@code audit}
 * @param schema               the enhanced-client schema of the items (its key attributes define the primary key)
 * @param secondaryIndexes     names of the global secondary indexes declared in {@code schema} (projection ALL)
 * @param timeToLiveAttribute  the number attribute (epoch seconds) after which DynamoDB may delete an item, or null
 *                             for tables whose items live until deleted. DynamoDB deletes expired items lazily (up to
 *                             days later; DynamoDB Local perhaps never), so readers must skip expired items themselves.
 */
public record TableDefinition<T>(String name, TableSchema<T> schema, List<String> secondaryIndexes,
        @Nullable String timeToLiveAttribute) {

    public TableDefinition(String name, TableSchema<T> schema, List<String> secondaryIndexes) {
        this(name, schema, secondaryIndexes, null);
    }
}
