package com.poseops.monitoring.local;

import com.poseops.monitoring.MetricPeriods;
import com.poseops.monitoring.local.MetricsBucket.Granularity;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.persistence.DynamoDbConnection;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableProvisioner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * Fills the local metrics with recorded minutes for benchmarks: the recorder's own buckets ({@link MetricsBucket},
 * the items it writes), stored with BatchWriteItem so that a week is seeded in minutes rather than a quarter hour.
 */
public final class MetricsSeeder {

    private MetricsSeeder() {
    }

    /**
     * Records 20 requests and one resource sample per variant for every minute in [from, to).
     *
     * @return how many minutes were recorded
     */
    public static int seed(DynamoDbConnection connection, String endpointName, List<String> variants, Instant from,
            Instant to) {
        AwsSettings aws = new AwsSettings("ap-south-1", "", false, "poseops-");
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(connection.client()).build();
        DynamoDbTables tables = new DynamoDbTables(enhanced, aws, List.of(LocalMetricsStore.TABLE));
        new TableProvisioner(connection.client(), tables).createMissing();
        DynamoDbTable<MetricsItem> table = tables.table(LocalMetricsStore.TABLE);
        long expiresAt = to.plus(Duration.ofDays(15)).getEpochSecond();
        Random random = new Random(7);
        int minutes = 0;
        for (String variant : variants) {
            Map<Instant, MetricsBucket> hours = new LinkedHashMap<>();
            List<MetricsItem> items = new ArrayList<>();
            minutes = 0;
            for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
                MetricsBucket bucket = new MetricsBucket(Granularity.MINUTE, minute);
                MetricsBucket hour = hours.computeIfAbsent(MetricPeriods.floor(minute, MetricPeriods.HOUR),
                        start -> new MetricsBucket(Granularity.HOUR, start));
                for (int i = 0; i < 20; i++) {
                    InvocationSample sample = new InvocationSample(minute.plusSeconds(i * 3L), variant,
                            random.nextInt(100) == 0 ? 500 : 200, 8_000 + random.nextInt(12_000),
                            300 + random.nextInt(400));
                    bucket.add(sample);
                    hour.add(sample);
                }
                ResourceSample resources = new ResourceSample(minute, variant, 40 + random.nextInt(60), 3.5, 40.0);
                bucket.addResources(resources);
                hour.addResources(resources);
                items.add(bucket.toItem(LocalMetricsStore.partition(endpointName, variant, Granularity.MINUTE),
                        SortableInstant.format(minute), expiresAt));
                minutes++;
            }
            hours.forEach((start, hour) -> items.add(hour.toItem(
                    LocalMetricsStore.partition(endpointName, variant, Granularity.HOUR),
                    SortableInstant.format(start), expiresAt)));
            for (int i = 0; i < items.size(); i += 25) {
                WriteBatch.Builder<MetricsItem> batch = WriteBatch.builder(MetricsItem.class).mappedTableResource(table);
                items.subList(i, Math.min(items.size(), i + 25)).forEach(batch::addPutItem);
                var result = enhanced.batchWriteItem(r -> r.addWriteBatch(batch.build()));
                if (!result.unprocessedPutItemsForTable(table).isEmpty()) {
                    result.unprocessedPutItemsForTable(table).forEach(table::putItem);
                }
            }
            new LocalMetricsStore(tables, java.time.Clock.systemUTC()).markVariant(endpointName, variant, expiresAt);
        }
        return minutes;
    }
}
