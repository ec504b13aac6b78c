package com.poseops.endpoints.local;

import com.poseops.endpoints.ServedModel;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * What the local control plane must not forget across restarts (DynamoDB table {@code <prefix>local-endpoints}): the
 * configuration the endpoint serves, and the configurations a rollback may go back to. SageMaker keeps the same for
 * itself in aws mode.
 */
final class LocalEndpointStore {

    static final TableDefinition<LocalEndpointItem> TABLE =
            new TableDefinition<>("local-endpoints", TableSchema.fromBean(LocalEndpointItem.class), List.of());

    private static final String ENDPOINT_RECORD = "endpoint";
    private static final String CONFIG_PREFIX = "config#";

    /** The endpoint as stored: the configuration it serves, since when it exists. */
    record StoredEndpoint(String endpointConfigName, Instant createdAt) {
    }

    private final DynamoDbTable<LocalEndpointItem> table;
    private final String endpointName;

    LocalEndpointStore(DynamoDbTables tables, String endpointName) {
        this.table = tables.table(TABLE);
        this.endpointName = endpointName;
    }

    Optional<StoredEndpoint> endpoint() {
        LocalEndpointItem item = table.getItem(r -> r.key(key(ENDPOINT_RECORD)).consistentRead(true));
        return item == null || item.getEndpointConfigName() == null ? Optional.empty()
                : Optional.of(new StoredEndpoint(item.getEndpointConfigName(), SortableInstant.parse(item.getCreatedAt())));
    }

    /** The endpoint now serves {@code configName} (it exists since {@code createdAt}). */
    void serving(String configName, Instant createdAt) {
        LocalEndpointItem item = new LocalEndpointItem();
        item.setEndpointName(endpointName);
        item.setRecord(ENDPOINT_RECORD);
        item.setEndpointConfigName(configName);
        item.setCreatedAt(SortableInstant.format(createdAt));
        table.putItem(item);
    }

    void save(LocalConfig config) {
        LocalEndpointItem item = new LocalEndpointItem();
        item.setEndpointName(endpointName);
        item.setRecord(CONFIG_PREFIX + config.name());
        item.setEndpointConfigName(config.name());
        item.setCreatedAt(SortableInstant.format(config.createdAt()));
        item.setModelName(config.model().modelName());
        item.setVersion(config.model().version());
        item.setArtifactUri(config.model().artifactUri());
        item.setSha256(config.model().sha256());
        item.setInstanceType(config.instanceType());
        item.setInstanceCount(config.instanceCount());
        table.putItem(item);
    }

    Optional<LocalConfig> config(String name) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(CONFIG_PREFIX + name)).consistentRead(true)))
                .map(LocalEndpointStore::toConfig);
    }

    List<LocalConfig> configs() {
        return table.query(r -> r.queryConditional(QueryConditional.sortBeginsWith(Key.builder()
                        .partitionValue(endpointName).sortValue(CONFIG_PREFIX).build())).consistentRead(true))
                .items().stream().map(LocalEndpointStore::toConfig).toList();
    }

    void delete(String configName) {
        table.deleteItem(key(CONFIG_PREFIX + configName));
    }

    private Key key(String record) {
        return Key.builder().partitionValue(endpointName).sortValue(record).build();
    }

    private static LocalConfig toConfig(LocalEndpointItem item) {
        return new LocalConfig(item.getEndpointConfigName(),
                new ServedModel(item.getModelName(), item.getVersion(), item.getArtifactUri(), item.getSha256()),
                item.getInstanceType(), item.getInstanceCount(), SortableInstant.parse(item.getCreatedAt()));
    }
}
