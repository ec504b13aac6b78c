package com.poseops.training;

import com.poseops.inference.training.TrainerMetrics;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training job records (DynamoDB table {@code <prefix>training-jobs}, both modes). Every change is a read-modify-write
 * under the item's optimistic lock, retried on conflict, so the local runner, the poller and the service never lose
 * each other's updates.
 */
public class TrainingJobStore {

    public static final TableDefinition<TrainingJobItem> TABLE = new TableDefinition<>("training-jobs",
            TableSchema.fromBean(TrainingJobItem.class), List.of(TrainingJobItem.BY_START_INDEX));
    /** A metric keeps at most this many values in the record (the trainer's epochs are capped at 1000). */
    static final int MAX_POINTS_PER_METRIC = 1001;
    private static final int MAX_ATTEMPTS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DynamoDbTable<TrainingJobItem> table;

    public TrainingJobStore(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
    }

    /** Saves a new job; fails if a job of that name exists. */
    public void create(TrainingJob job) {
        TrainingJobItem item = new TrainingJobItem();
        write(item, job);
        table.putItem(PutItemEnhancedRequest.builder(TrainingJobItem.class).item(item)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(#n)")
                        .putExpressionName("#n", "name").build()).build());
    }

    public Optional<TrainingJob> find(String name) {
        return Optional.ofNullable(item(name)).map(TrainingJobStore::read);
    }

    /**
     * Applies {@code change} to the stored job and saves it, retrying on a concurrent write.
     *
     * @return the saved job, or empty when there is no such job
     */
    public Optional<TrainingJob> update(String name, UnaryOperator<TrainingJob> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            TrainingJobItem item = item(name);
            if (item == null) {
                return Optional.empty();
            }
            TrainingJob changed = change.apply(read(item));
            write(item, changed);
            try {
                table.putItem(item);
                return Optional.of(changed);
            } catch (ConditionalCheckFailedException concurrent) {
                // someone wrote in between: read again
            }
        }
        throw new IllegalStateException("Training job " + name + " kept changing; update not saved");
    }

    /**
     * Claims the registration of a completed job's version for {@code claimant}; true if this call won (exactly one
     * console registers a job's version).
     */
    public boolean claimRegistration(String name, String claimant) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            TrainingJobItem item = item(name);
            if (item == null || item.getRegistrationClaim() != null || item.getProducedVersion() != null) {
                return false;
            }
            item.setRegistrationClaim(claimant);
            try {
                table.putItem(item);
                return true;
            } catch (ConditionalCheckFailedException concurrent) {
                // read again: maybe someone else claimed it
            }
        }
        return false;
    }

    /** Claims telling that a job ended for {@code claimant}; true if this call won (the end is told once). */
    public boolean claimEndAnnouncement(String name, String claimant) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            TrainingJobItem item = item(name);
            if (item == null || item.getEndAnnouncedBy() != null) {
                return false;
            }
            item.setEndAnnouncedBy(claimant);
            try {
                table.putItem(item);
                return true;
            } catch (ConditionalCheckFailedException concurrent) {
                // read again: maybe someone else claimed it
            }
        }
        return false;
    }

    /** Local mode: remembers the process running a job (or forgets it with null). */
    public void recordProcess(String name, @Nullable ProcessHandle process) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            TrainingJobItem item = item(name);
            if (item == null) {
                return;
            }
            item.setLocalPid(process == null ? null : process.pid());
            item.setLocalPidStart(process == null ? null
                    : process.info().startInstant().map(SortableInstant::format).orElse(null));
            try {
                table.putItem(item);
                return;
            } catch (ConditionalCheckFailedException concurrent) {
                // read again
            }
        }
    }

    /** The process a job was running in, as recorded (local mode). */
    public Optional<RecordedProcess> recordedProcess(String name) {
        TrainingJobItem item = item(name);
        if (item == null || item.getLocalPid() == null) {
            return Optional.empty();
        }
        return Optional.of(new RecordedProcess(item.getLocalPid(), item.getLocalPidStart() == null ? null
                : SortableInstant.parse(item.getLocalPidStart())));
    }

    public record RecordedProcess(long pid, @Nullable Instant started) {
    }

    /** Jobs newest first, one page; {@code pageToken} from the previous page (null for the first). */
    public Page page(int size, @Nullable String pageToken) {
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue(TrainingJobItem.LISTING).build()))
                .scanIndexForward(false)
                .limit(size);
        if (pageToken != null && !pageToken.isBlank()) {
            TrainingJobItem last = item(pageToken);
            if (last != null) {
                query.exclusiveStartKey(Map.of("name", AttributeValue.fromS(last.getName()),
                        "listing", AttributeValue.fromS(TrainingJobItem.LISTING),
                        "createdAt", AttributeValue.fromS(last.getCreatedAt())));
            }
        }
        var result = table.index(TrainingJobItem.BY_START_INDEX).query(query.build()).iterator();
        if (!result.hasNext()) {
            return new Page(List.of(), null);
        }
        software.amazon.awssdk.enhanced.dynamodb.model.Page<TrainingJobItem> page = result.next();
        List<TrainingJob> jobs = page.items().stream().map(TrainingJobStore::read).toList();
        Map<String, AttributeValue> lastKey = page.lastEvaluatedKey();
        String next = lastKey == null || lastKey.isEmpty() || jobs.size() < size ? null : jobs.getLast().name();
        return new Page(jobs, next);
    }

    public record Page(List<TrainingJob> jobs, @Nullable String nextToken) {
    }

    /**
     * The poller's work, newest first: jobs not yet in a final state, completed jobs whose version is not registered
     * yet, and ended jobs whose end has not been told yet.
     */
    public List<TrainingJob> active() {
        List<TrainingJob> active = new ArrayList<>();
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                        .partitionValue(TrainingJobItem.LISTING).build()))
                .scanIndexForward(false)
                .build();
        for (software.amazon.awssdk.enhanced.dynamodb.model.Page<TrainingJobItem> page
                : table.index(TrainingJobItem.BY_START_INDEX).query(query)) {
            for (TrainingJobItem item : page.items()) {
                TrainingJob job = read(item);
                if (!job.status().isTerminal() || item.getEndAnnouncedBy() == null
                        || job.status() == TrainingStatus.COMPLETED && job.producedVersion() == null
                        && job.registrationNote() == null) {
                    active.add(job);
                }
            }
        }
        return active;
    }

    private @Nullable TrainingJobItem item(String name) {
        return table.getItem(r -> r.key(Key.builder().partitionValue(name).build()).consistentRead(true));
    }

    // ---- conversion ----

    private static void write(TrainingJobItem item, TrainingJob job) {
        item.setName(job.name());
        item.setListing(TrainingJobItem.LISTING);
        item.setCreatedAt(SortableInstant.format(job.createdAt()));
        item.setStartedBy(job.startedBy());
        item.setReason(job.reason());
        item.setHyperparametersJson(JSON.writeValueAsString(job.hyperparameters()));
        item.setChannelsJson(JSON.writeValueAsString(job.channels()));
        item.setInstanceType(job.instanceType());
        item.setMaxRuntimeSeconds(job.maxRuntimeSeconds());
        item.setMetricDefinitionsJson(JSON.writeValueAsString(job.metricDefinitions()));
        item.setProgressJson(JSON.writeValueAsString(job.progress()));
        item.setMetricsJson(JSON.writeValueAsString(compact(job.metrics())));
        item.setProducedVersion(job.producedVersion());
        item.setRegistrationNote(job.registrationNote());
    }

    private static TrainingJob read(TrainingJobItem item) {
        return new TrainingJob(item.getName(), item.getStartedBy(), item.getReason(),
                SortableInstant.parse(item.getCreatedAt()),
                JSON.readValue(item.getHyperparametersJson(), new TypeReference<Map<String, String>>() { }),
                Arrays.asList(JSON.readValue(item.getChannelsJson(), JobChannel[].class)), item.getInstanceType(),
                item.getMaxRuntimeSeconds() == null ? 0 : item.getMaxRuntimeSeconds(),
                Arrays.asList(JSON.readValue(item.getMetricDefinitionsJson(), TrainerMetrics.Definition[].class)),
                JSON.readValue(item.getProgressJson(), JobProgress.class), expand(item.getMetricsJson()),
                item.getProducedVersion(), item.getRegistrationNote());
    }

    /** {@code {"metric": [[index, value, epochMillis], …]}}: a third of the size of one object per point. */
    private static Map<String, List<double[]>> compact(List<MetricPoint> points) {
        Map<String, List<double[]>> byMetric = new LinkedHashMap<>();
        for (MetricPoint point : points) {
            List<double[]> series = byMetric.computeIfAbsent(point.metric(), m -> new ArrayList<>());
            if (series.size() < MAX_POINTS_PER_METRIC) {
                series.add(new double[] {point.index(), point.value(), point.at().toEpochMilli()});
            }
        }
        return byMetric;
    }

    private static List<MetricPoint> expand(String json) {
        Map<String, List<double[]>> byMetric = JSON.readValue(json, new TypeReference<Map<String, List<double[]>>>() { });
        List<MetricPoint> points = new ArrayList<>();
        byMetric.forEach((metric, series) -> series.forEach(p -> points.add(new MetricPoint(metric, (int) p[0], p[1],
                Instant.ofEpochMilli((long) p[2])))));
        points.sort(Comparator.comparing(MetricPoint::at).thenComparing(MetricPoint::metric)
                .thenComparingInt(MetricPoint::index));
        return points;
    }
}
