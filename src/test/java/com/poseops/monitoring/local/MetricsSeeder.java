package com.poseops.monitoring.local;

import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.persistence.DynamoDbConnection;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableProvisioner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** Fills the local metrics with recorded minutes through the real recorder (benchmarks). */
public final class MetricsSeeder {

    private MetricsSeeder() {
    }

    /**
     * Records 20 requests and one resource sample per variant for every minute in [from, to) and flushes them.
     *
     * @return how many minutes were recorded
     */
    public static int seed(DynamoDbConnection connection, String endpointName, List<String> variants, Instant from,
            Instant to) {
        AwsSettings aws = new AwsSettings("ap-south-1", "", false, "poseops-");
        DynamoDbTables tables = new DynamoDbTables(DynamoDbEnhancedClient.builder()
                .dynamoDbClient(connection.client()).build(), aws, List.of(LocalMetricsStore.TABLE));
        new TableProvisioner(connection.client(), tables).createMissing();
        MetricsRecorder recorder = new MetricsRecorder(new LocalMetricsStore(tables, Clock.systemUTC()), endpointName,
                Duration.ofDays(15), Clock.systemUTC());
        Random random = new Random(7);
        int minutes = 0;
        for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            for (String variant : variants) {
                for (int i = 0; i < 20; i++) {
                    recorder.record(new InvocationSample(minute.plusSeconds(i * 3L), variant,
                            random.nextInt(100) == 0 ? 500 : 200, 8_000 + random.nextInt(12_000),
                            300 + random.nextInt(400)));
                }
                recorder.record(new ResourceSample(minute, variant, 40 + random.nextInt(60), 3.5, 40.0));
            }
            minutes++;
            if (minutes % 60 == 0) {
                recorder.flush(); // an hour at a time, as the recorder would have over the week
            }
        }
        recorder.flush();
        return minutes;
    }
}
