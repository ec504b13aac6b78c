package com.poseops.registry;

import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The first-writer-wins record of who decided a model version (DynamoDB table {@code <prefix>model-decisions}, both
 * modes). A decision is claimed here with {@code attribute_not_exists} before the registry is changed: of two
 * approvers deciding at the same moment, on one machine or two, exactly one gets the claim. SageMaker's
 * UpdateModelPackage has no condition of its own, so this is what makes "exactly one decision stands" hold in aws mode.
 */
public class DecisionLedger {

    public static final TableDefinition<DecisionItem> TABLE =
            new TableDefinition<>("model-decisions", TableSchema.fromBean(DecisionItem.class), List.of());

    /** A claimed decision. */
    public record DecisionRecord(String target, ApprovalStatus outcome, String decidedBy, Instant decidedAt,
            String comment) {
    }

    /** Someone else claimed the decision first. */
    public static final class AlreadyClaimedException extends RuntimeException {
        private final DecisionRecord existing;

        AlreadyClaimedException(DecisionRecord existing) {
            super("already decided by " + existing.decidedBy() + " at " + existing.decidedAt());
            this.existing = existing;
        }

        public DecisionRecord existing() {
            return existing;
        }
    }

    private final DynamoDbTable<DecisionItem> table;

    public DecisionLedger(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
    }

    /**
     * Claims the decision of {@code record.target()}.
     *
     * @throws AlreadyClaimedException with the standing record when the target was decided before
     */
    public DecisionRecord claim(DecisionRecord record) {
        DecisionItem item = new DecisionItem();
        item.setTarget(record.target());
        item.setOutcome(record.outcome().name());
        item.setDecidedBy(record.decidedBy());
        item.setDecidedAt(SortableInstant.format(record.decidedAt()));
        item.setComment(record.comment());
        try {
            table.putItem(PutItemEnhancedRequest.builder(DecisionItem.class).item(item)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(#target)")
                            .putExpressionName("#target", "target").build())
                    .build());
            return record;
        } catch (ConditionalCheckFailedException lost) {
            DecisionRecord standing = find(record.target()).orElseThrow(() -> new IllegalStateException(
                    "The decision record of " + record.target() + " exists but cannot be read", lost));
            throw new AlreadyClaimedException(standing);
        }
    }

    /** Withdraws a claim that could not be carried out (the registry refused); only the claimant's own record. */
    public void release(DecisionRecord record) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(record.target()).build())
                    .conditionExpression(Expression.builder().expression("#by = :by AND #at = :at")
                            .putExpressionName("#by", "decidedBy").putExpressionName("#at", "decidedAt")
                            .putExpressionValue(":by", AttributeValue.fromS(record.decidedBy()))
                            .putExpressionValue(":at", AttributeValue.fromS(SortableInstant.format(record.decidedAt())))
                            .build())
                    .build());
        } catch (ConditionalCheckFailedException notOurs) {
            // someone else's record stands: leave it
        }
    }

    public Optional<DecisionRecord> find(String target) {
        DecisionItem item = table.getItem(r -> r.key(Key.builder().partitionValue(target).build()).consistentRead(true));
        if (item == null) {
            return Optional.empty();
        }
        return Optional.of(new DecisionRecord(item.getTarget(), ApprovalStatus.valueOf(item.getOutcome()),
                item.getDecidedBy(), SortableInstant.parse(item.getDecidedAt()), item.getComment()));
    }
}
