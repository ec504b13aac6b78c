package com.poseops.registry;

import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.registry.EvaluationReport.ImageResult;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import tools.jackson.databind.json.JsonMapper;

/** Evaluation progress and results (DynamoDB table {@code <prefix>model-evaluations}, both modes). */
public class EvaluationStore {

    public static final TableDefinition<EvaluationItem> TABLE =
            new TableDefinition<>("model-evaluations", TableSchema.fromBean(EvaluationItem.class), List.of());

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DynamoDbTable<EvaluationItem> table;

    public EvaluationStore(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
    }

    public void save(EvaluationStatus status) {
        EvaluationItem item = new EvaluationItem();
        item.setKey(status.key());
        item.setState(status.state().name());
        item.setDone(status.done());
        item.setTotal(status.total());
        item.setMessage(status.message() == null ? "" : status.message());
        item.setStartedAt(SortableInstant.format(status.startedAt()));
        item.setFinishedAt(status.finishedAt() == null ? "" : SortableInstant.format(status.finishedAt()));
        item.setMetrics(status.metrics());
        item.setImagesJson(JSON.writeValueAsString(status.images()));
        item.setEvaluatedOn(status.evaluatedOn());
        table.putItem(item);
    }

    public Optional<EvaluationStatus> find(String key) {
        EvaluationItem item = table.getItem(Key.builder().partitionValue(key).build());
        if (item == null) {
            return Optional.empty();
        }
        List<ImageResult> images = Arrays.asList(JSON.readValue(item.getImagesJson(), ImageResult[].class));
        return Optional.of(new EvaluationStatus(item.getKey(), EvaluationStatus.State.valueOf(item.getState()),
                item.getDone(), item.getTotal(), item.getMessage().isEmpty() ? null : item.getMessage(),
                SortableInstant.parse(item.getStartedAt()),
                item.getFinishedAt().isEmpty() ? null : SortableInstant.parse(item.getFinishedAt()),
                item.getMetrics(), images, item.getEvaluatedOn().isEmpty() ? null : item.getEvaluatedOn()));
    }
}
