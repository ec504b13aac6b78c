package com.poseops.monitoring.local;

import com.poseops.monitoring.local.MetricsBucket.Granularity;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * The per-minute and per-hour records of local mode in DynamoDB ({@link MetricsItem}). Reads never return an item
 * whose time to live has passed, whether or not DynamoDB has deleted it yet.
 */
public class LocalMetricsStore {

    public static final TableDefinition<MetricsItem> TABLE = new TableDefinition<>("monitoring-metrics",
            TableSchema.fromBean(MetricsItem.class), List.of(), "expiresAt");

    private static final String VARIANTS = "variants";

    private final DynamoDbTable<MetricsItem> table;
    private final Clock clock;

    public LocalMetricsStore(DynamoDbTables tables, Clock clock) {
        this.table = tables.table(TABLE);
        this.clock = clock;
    }

    static String partition(String endpointName, String variant, Granularity granularity) {
        return endpointName + "#" + variant + "#" + granularity.key;
    }

    void put(MetricsItem item) {
        table.putItem(item);
    }

    Optional<MetricsItem> get(String partition, Instant start) {
        MetricsItem item = table.getItem(Key.builder().partitionValue(partition)
                .sortValue(SortableInstant.format(start)).build());
        return Optional.ofNullable(item).filter(this::live);
    }

    /** The buckets of one variant that start within [from, to), oldest first, without expired ones. */
    List<MetricsItem> buckets(String endpointName, String variant, Granularity granularity, Instant from,
            Instant to) {
        Key low = Key.builder().partitionValue(partition(endpointName, variant, granularity))
                .sortValue(SortableInstant.format(from)).build();
        // "to" itself is excluded: the last nanosecond before it is the upper bound.
        Key high = Key.builder().partitionValue(partition(endpointName, variant, granularity))
                .sortValue(SortableInstant.format(to.minusNanos(1))).build();
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBetween(low, high))
                        .build())
                .items().stream().filter(this::live).toList();
    }

    /** Remembers that {@code variant} has data (until the retention has passed without it). */
    void markVariant(String endpointName, String variant, long expiresAtEpochSecond) {
        MetricsItem marker = new MetricsItem();
        marker.setPk(endpointName + "#" + VARIANTS);
        marker.setSk(variant);
        marker.setExpiresAt(expiresAtEpochSecond);
        table.putItem(marker);
    }

    /** The variants that have unexpired data, by name. */
    List<String> variants(String endpointName) {
        return table.query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(endpointName + "#" + VARIANTS)))
                        .build())
                .items().stream().filter(this::live).map(MetricsItem::getSk).sorted().toList();
    }

    private boolean live(MetricsItem item) {
        Long expiresAt = item.getExpiresAt();
        return expiresAt == null || expiresAt > clock.instant().getEpochSecond();
    }
}
