package com.poseops.platform.audit;

import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/** Writes and reads the audit log (DynamoDB table {@code <prefix>audit}, the same code in both modes). */
public class AuditLog {

    public static final TableDefinition<AuditItem> TABLE =
            new TableDefinition<>("audit", TableSchema.fromBean(AuditItem.class), List.of(AuditItem.BY_TARGET_INDEX));

    /** How far back the newest-first listing looks; older entries stay stored and reachable by target. */
    private static final int MONTHS_SEARCHED = 24;
    private static final int MAX_COMMENT_LENGTH = 2000;

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final DynamoDbTable<AuditItem> table;
    private final Clock clock;
    private final List<Consumer<AuditEntry>> listeners = new CopyOnWriteArrayList<>();

    public AuditLog(DynamoDbTables tables, Clock clock) {
        this.table = tables.table(TABLE);
        this.clock = clock;
    }

    public AuditEntry record(String actor, String action, String target, AuditEntry.Outcome outcome,
            @Nullable String comment) {
        Instant at = clock.instant();
        String id = UUID.randomUUID().toString();
        AuditItem item = new AuditItem();
        item.setMonth(month(at));
        item.setSortKey(SortableInstant.key(at, id));
        item.setActor(actor);
        item.setAction(action);
        item.setTarget(target);
        item.setOutcome(outcome.name());
        String trimmed = comment == null ? "" : comment.strip();
        item.setComment(trimmed.length() > MAX_COMMENT_LENGTH ? trimmed.substring(0, MAX_COMMENT_LENGTH) : trimmed);
        table.putItem(item);
        log.info("audit: {} {} {} {}", actor, action, target, outcome);
        AuditEntry entry = toEntry(item);
        for (Consumer<AuditEntry> listener : listeners) {
            try {
                listener.accept(entry);
            } catch (RuntimeException e) {
                log.debug("An audit listener failed: {}", e.getMessage());
            }
        }
        return entry;
    }

    /**
     * Calls {@code listener} with every entry written from now on (on the writer's thread, after it is stored); run
     * the result to stop. Pages use it to show new entries as they happen.
     */
    public Runnable onRecord(Consumer<AuditEntry> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The newest entries first, at most {@code limit}, that match the filter. */
    public List<AuditEntry> newest(AuditFilter filter, int limit) {
        List<AuditEntry> result = new ArrayList<>();
        YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        for (int i = 0; i < MONTHS_SEARCHED && result.size() < limit; i++, month = month.minusMonths(1)) {
            QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(month.toString()).build()))
                    .scanIndexForward(false);
            if (filter.matchesEverything()) {
                // Every item counts, so a page of what is still wanted is enough (not up to 1 MB); paging goes on as
                // before if that page runs short.
                query.limit(limit - result.size());
            }
            for (Page<AuditItem> page : table.query(query.build())) {
                for (AuditItem item : page.items()) {
                    AuditEntry entry = toEntry(item);
                    if (filter.matches(entry)) {
                        result.add(entry);
                        if (result.size() == limit) {
                            return result;
                        }
                    }
                }
            }
        }
        return result;
    }

    /** Everything that happened to one target, newest first. */
    public List<AuditEntry> history(String target, int limit) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(target).build()))
                .scanIndexForward(false)
                .limit(Math.min(limit, 100))
                .build();
        List<AuditEntry> result = new ArrayList<>();
        for (Page<AuditItem> page : table.index(AuditItem.BY_TARGET_INDEX).query(query)) {
            for (AuditItem item : page.items()) {
                result.add(toEntry(item));
                if (result.size() == limit) {
                    return result;
                }
            }
        }
        return result;
    }

    private static String month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).toString();
    }

    private static AuditEntry toEntry(AuditItem item) {
        String sortKey = item.getSortKey();
        return new AuditEntry(SortableInstant.idOf(sortKey), SortableInstant.instantOf(sortKey), item.getActor(), item.getAction(), item.getTarget(),
                AuditEntry.Outcome.valueOf(item.getOutcome()), item.getComment().isEmpty() ? null : item.getComment());
    }
}
