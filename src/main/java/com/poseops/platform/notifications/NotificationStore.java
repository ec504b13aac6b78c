package com.poseops.platform.notifications;

import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Notifications and read markers in DynamoDB ({@code <prefix>notifications}, {@code <prefix>notification-reads}). */
public class NotificationStore {

    public static final TableDefinition<NotificationItem> TABLE =
            new TableDefinition<>("notifications", TableSchema.fromBean(NotificationItem.class), List.of());
    public static final TableDefinition<NotificationReadItem> READS_TABLE =
            new TableDefinition<>("notification-reads", TableSchema.fromBean(NotificationReadItem.class), List.of());

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final DynamoDbTable<NotificationItem> table;
    private final DynamoDbTable<NotificationReadItem> reads;

    public NotificationStore(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
        this.reads = tables.table(READS_TABLE);
    }

    /** Writes the notification (a later save with the same id replaces it: delivery updates). */
    public void save(Notification notification) {
        NotificationItem item = new NotificationItem();
        item.setSortKey(notification.sortKey());
        item.setKind(notification.kind().name());
        item.setSeverity(notification.severity().name());
        item.setTitle(notification.title());
        item.setLines(new ArrayList<>(notification.lines()));
        item.setPath(notification.path() == null ? "" : notification.path());
        item.setDetails(JSON.writeValueAsString(notification.details()));
        Delivery delivery = notification.delivery();
        item.setDeliveryState(delivery.state().name());
        item.setDeliveryChannel(delivery.channel());
        item.setDeliveryAttempts(delivery.attempts());
        item.setDeliveryDetail(delivery.detail() == null ? "" : delivery.detail());
        item.setDeliveredAt(delivery.at() == null ? "" : delivery.at().toString());
        table.putItem(item);
    }

    /** The newest notifications, newest first. */
    public List<Notification> newest(int limit) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(NotificationItem.FEED).build()))
                .scanIndexForward(false)
                .limit(limit)
                .build();
        List<Notification> result = new ArrayList<>();
        for (Page<NotificationItem> page : table.query(query)) {
            for (NotificationItem item : page.items()) {
                result.add(toNotification(item));
                if (result.size() == limit) {
                    return result;
                }
            }
        }
        return result;
    }

    public Optional<String> readUpTo(String username) {
        NotificationReadItem item = reads.getItem(Key.builder().partitionValue(username).build());
        return item == null || item.getReadUpTo().isEmpty() ? Optional.empty() : Optional.of(item.getReadUpTo());
    }

    public void saveReadUpTo(String username, String sortKey) {
        NotificationReadItem item = new NotificationReadItem();
        item.setUsername(username);
        item.setReadUpTo(sortKey);
        reads.putItem(item);
    }

    private static Notification toNotification(NotificationItem item) {
        Map<String, Object> details = JSON.readValue(item.getDetails(), new TypeReference<Map<String, Object>>() {
        });
        Delivery delivery = new Delivery(Delivery.State.valueOf(item.getDeliveryState()), item.getDeliveryChannel(),
                item.getDeliveryAttempts(), blankToNull(item.getDeliveryDetail()),
                item.getDeliveredAt().isEmpty() ? null : Instant.parse(item.getDeliveredAt()));
        return new Notification(SortableInstant.idOf(item.getSortKey()), SortableInstant.instantOf(item.getSortKey()),
                Notification.Kind.valueOf(item.getKind()), Notification.Severity.valueOf(item.getSeverity()),
                item.getTitle(), item.getLines(), blankToNull(item.getPath()), details, delivery);
    }

    private static @Nullable String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
