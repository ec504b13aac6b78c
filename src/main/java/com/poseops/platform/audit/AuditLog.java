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
import java.util.Map;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writes and reads the audit log (DynamoDB table {@code <prefix>audit}, the same code in both modes). */
public class AuditLog {

    public static final TableDefinition<AuditItem> TABLE =
            new TableDefinition<>("audit", TableSchema.fromBean(AuditItem.class), List.of(AuditItem.BY_TARGET_INDEX));

    /** How far back the newest-first listing looks; older entries stay stored and reachable by target. */
    private static final int MONTHS_SEARCHED = 24;
    static final int MAX_ACTOR = 128;
    static final int MAX_ACTION = 64;
    static final int MAX_TARGET = 256;
    static final int MAX_COMMENT = 2000;
    /** The most entries one page read examines, whatever the filter. */
    public static final int MAX_EXAMINED = 1000;
    /** Entries asked of DynamoDB per request while a filter is applied. */
    private static final int READ_SIZE = 100;

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
        // Bounded whatever the caller passes: an entry can never approach DynamoDB's 400 KB item limit, and a page of
        // entries stays small (decision 0050).
        item.setActor(bounded(actor, MAX_ACTOR, false));
        item.setAction(bounded(action, MAX_ACTION, false));
        item.setTarget(bounded(target, MAX_TARGET, false));
        item.setOutcome(outcome.name());
        item.setComment(comment == null ? "" : bounded(comment, MAX_COMMENT, true));
        table.putItem(item);
        log.info("audit: {} {} {} {}", item.getActor(), item.getAction(), item.getTarget(), outcome);
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

    /** The newest entries first, at most {@code limit} (and at most {@link #MAX_EXAMINED} read), that match. */
    public List<AuditEntry> newest(AuditFilter filter, int limit) {
        return page(filter, null, limit).entries();
    }

    /**
     * A page of at most {@code size} matching entries, newest first, starting after {@code cursor} (null: the
     * newest). DynamoDB is asked for small pages, and at most {@link #MAX_EXAMINED} entries are read per call, so a
     * page costs the same however large the table is.
     */
    public AuditPage page(AuditFilter filter, @Nullable String cursor, int size) {
        List<AuditEntry> result = new ArrayList<>();
        Cursor position = Cursor.parse(cursor, YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)));
        YearMonth month = position.month();
        Map<String, AttributeValue> startAfter = position.startAfter();
        int examined = 0;
        String lastExamined = null;
        for (int searched = 0; searched < MONTHS_SEARCHED; searched++) {
            int wanted = filter.matchesEverything() ? size - result.size() : READ_SIZE;
            Key partition = Key.builder().partitionValue(month.toString()).build();
            QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                    .queryConditional(QueryConditional.keyEqualTo(partition))
                    .scanIndexForward(false)
                    .limit(Math.max(1, Math.min(wanted, MAX_EXAMINED - examined)));
            if (startAfter != null) {
                query.exclusiveStartKey(startAfter);
            }
            for (Page<AuditItem> page : table.query(query.build())) {
                for (AuditItem item : page.items()) {
                    examined++;
                    lastExamined = item.getSortKey();
                    AuditEntry entry = toEntry(item);
                    if (filter.matches(entry)) {
                        result.add(entry);
                    }
                    if (result.size() == size || examined >= MAX_EXAMINED) {
                        return new AuditPage(result, Cursor.format(month, lastExamined), examined);
                    }
                }
            }
            month = month.minusMonths(1);
            startAfter = null;
        }
        return new AuditPage(result, null, examined);
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

    /**
     * {@code text} without control characters (CR/LF become spaces, except in comments, which may keep line breaks),
     * stripped, and cut to {@code max} characters with an ellipsis.
     */
    static String bounded(String text, int max, boolean keepLineBreaks) {
        String head = text.length() > max * 2 ? text.substring(0, max * 2) : text;
        StringBuilder clean = new StringBuilder(head.length());
        head.codePoints().forEach(c -> {
            if (keepLineBreaks && c == '\n') {
                clean.append('\n');
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                clean.append(' ');
            } else {
                clean.appendCodePoint(c);
            }
        });
        String result = clean.toString().strip();
        if (result.length() > max || head.length() < text.length()) {
            return result.substring(0, Math.min(result.length(), max - 1)) + "…";
        }
        return result;
    }

    /** Where a page starts: after a sort key in a month's partition. Written as {@code 2026-11|<sort key>}. */
    private record Cursor(YearMonth month, @Nullable Map<String, AttributeValue> startAfter) {

        static Cursor parse(@Nullable String text, YearMonth current) {
            if (text == null || text.isBlank()) {
                return new Cursor(current, null);
            }
            int bar = text.indexOf('|');
            try {
                YearMonth month = YearMonth.parse(text.substring(0, bar));
                String sortKey = text.substring(bar + 1);
                return new Cursor(month, Map.of("month", AttributeValue.fromS(month.toString()),
                        "sortKey", AttributeValue.fromS(sortKey)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Not an audit page cursor: " + text, e);
            }
        }

        static String format(YearMonth month, String sortKey) {
            return month + "|" + sortKey;
        }
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
