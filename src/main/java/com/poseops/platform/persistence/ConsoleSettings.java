package com.poseops.platform.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * Choices people make in the console that outlive a restart and are not config.yml (e.g. which dataset the Models page
 * evaluates on): one item per key in DynamoDB table {@code <prefix>console-settings}, the same in both modes. Features
 * own their keys (prefix them with the feature's name); the owning service checks roles and audits changes.
 */
public class ConsoleSettings {

    public static final TableDefinition<SettingItem> TABLE =
            new TableDefinition<>("console-settings", TableSchema.fromBean(SettingItem.class), List.of());

    /** A stored value with who set it and when. */
    public record Setting(String key, String value, String updatedBy, Instant updatedAt) {
    }

    private final DynamoDbTable<SettingItem> table;
    private final Clock clock;

    public ConsoleSettings(DynamoDbTables tables, Clock clock) {
        this.table = tables.table(TABLE);
        this.clock = clock;
    }

    public Optional<Setting> find(String key) {
        SettingItem item = table.getItem(r -> r.key(Key.builder().partitionValue(key).build()).consistentRead(true));
        if (item == null || item.getValue().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Setting(item.getKey(), item.getValue(), item.getUpdatedBy(),
                SortableInstant.parse(item.getUpdatedAt())));
    }

    public void put(String key, String value, String updatedBy) {
        SettingItem item = new SettingItem();
        item.setKey(key);
        item.setValue(value);
        item.setUpdatedBy(updatedBy);
        item.setUpdatedAt(SortableInstant.format(clock.instant()));
        table.putItem(item);
    }
}
