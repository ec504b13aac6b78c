package com.poseops.pose;

import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/** The index of a user's uploads (DynamoDB table {@code pose-uploads}, the same code in both modes). */
public class UploadHistory {

    public static final TableDefinition<UploadItem> TABLE =
            new TableDefinition<>("pose-uploads", TableSchema.fromBean(UploadItem.class), List.of());

    private final DynamoDbTable<UploadItem> table;

    public UploadHistory(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
    }

    public void save(UploadRecord upload) {
        UploadItem item = new UploadItem();
        item.setUsername(upload.username());
        item.setSortKey(SortableInstant.key(upload.uploadedAt(), upload.id()));
        item.setId(upload.id());
        item.setFileName(upload.fileName());
        item.setContentType(upload.contentType());
        item.setSizeBytes(upload.sizeBytes());
        item.setMeanScore(upload.meanScore());
        item.setVariant(upload.variant());
        item.setError(upload.error());
        table.putItem(item);
    }

    /** The user's uploads, newest first. */
    public List<UploadRecord> recent(String username, int limit) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(username).build()))
                .scanIndexForward(false)
                .limit(limit)
                .build();
        List<UploadRecord> result = new ArrayList<>();
        for (UploadItem item : table.query(query).items()) {
            result.add(toRecord(item));
            if (result.size() == limit) {
                break;
            }
        }
        return result;
    }

    public Optional<UploadRecord> find(String username, String id, Instant uploadedAt) {
        UploadItem item = table.getItem(Key.builder().partitionValue(username)
                .sortValue(SortableInstant.key(uploadedAt, id)).build());
        return Optional.ofNullable(item).map(UploadHistory::toRecord);
    }

    private static UploadRecord toRecord(UploadItem item) {
        return new UploadRecord(item.getId(), item.getUsername(), SortableInstant.instantOf(item.getSortKey()),
                item.getFileName(), item.getContentType(), item.getSizeBytes(), item.getMeanScore(),
                emptyToNull(item.getVariant()), emptyToNull(item.getError()));
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
