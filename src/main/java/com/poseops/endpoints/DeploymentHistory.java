package com.poseops.endpoints;

import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The endpoint's deployment history (DynamoDB table {@code <prefix>endpoint-deployments}, both modes): one entry per
 * deploy or rollback, written when it starts and finished once, by a conditional update, when it ends — so an outcome
 * is never overwritten, however many consoles follow the endpoint.
 */
public class DeploymentHistory {

    public static final TableDefinition<DeploymentItem> TABLE =
            new TableDefinition<>("endpoint-deployments", TableSchema.fromBean(DeploymentItem.class), List.of());

    /** A history entry with what only the service needs: who asked for an abort, and why. */
    public record Entry(Deployment deployment, @Nullable String abortRequestedBy, @Nullable String abortReason) {
    }

    private final DynamoDbTable<DeploymentItem> table;

    public DeploymentHistory(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
    }

    /** A new id that sorts by start time. */
    public static String newId(Instant startedAt) {
        return SortableInstant.key(startedAt, java.util.UUID.randomUUID().toString());
    }

    public void start(Deployment deployment) {
        table.putItem(PutItemEnhancedRequest.builder(DeploymentItem.class).item(toItem(deployment))
                .conditionExpression(Expression.builder().expression("attribute_not_exists(#id)")
                        .putExpressionName("#id", "id").build())
                .build());
    }

    /** Records that {@code by} asked to abort; false when the deployment had already ended. */
    public boolean requestAbort(String endpointName, String id, String by, String reason) {
        DeploymentItem change = key(endpointName, id);
        change.setAbortRequestedBy(by);
        change.setAbortReason(reason);
        return updateIf(change, Outcome.IN_PROGRESS);
    }

    /** Ends an in-progress deployment; false when it had already ended (someone else finished it first). */
    public boolean finish(String endpointName, String id, Outcome outcome, @Nullable String detail, Instant endedAt) {
        DeploymentItem change = key(endpointName, id);
        change.setOutcome(outcome.name());
        change.setOutcomeDetail(detail);
        change.setEndedAt(SortableInstant.format(endedAt));
        return updateIf(change, Outcome.IN_PROGRESS);
    }

    /** A note on a deployment still in progress (e.g. "resumed after a console restart"), shown with it. */
    public void note(String endpointName, String id, String note) {
        DeploymentItem change = key(endpointName, id);
        change.setOutcomeDetail(note);
        updateIf(change, Outcome.IN_PROGRESS);
    }

    /** Changes a finished outcome (a succeeded deployment later rolled back by a person). */
    public boolean relabel(String endpointName, String id, Outcome from, Outcome to, String detail) {
        DeploymentItem change = key(endpointName, id);
        change.setOutcome(to.name());
        change.setOutcomeDetail(detail);
        return updateIf(change, from);
    }

    public Optional<Entry> find(String endpointName, String id) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(endpointName)
                .sortValue(id).build()).consistentRead(true))).map(DeploymentHistory::toEntry);
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> newest(String endpointName, int limit) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(endpointName).build()))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(Math.min(limit, 100))
                .build();
        List<Entry> entries = new ArrayList<>();
        for (Page<DeploymentItem> page : table.query(query)) {
            for (DeploymentItem item : page.items()) {
                entries.add(toEntry(item));
                if (entries.size() == limit) {
                    return entries;
                }
            }
        }
        return entries;
    }

    private boolean updateIf(DeploymentItem change, Outcome expected) {
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(DeploymentItem.class).item(change)
                    .ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(Expression.builder().expression("#outcome = :expected")
                            .putExpressionName("#outcome", "outcome")
                            .putExpressionValue(":expected", AttributeValue.fromS(expected.name())).build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException notInThatState) {
            return false;
        }
    }

    private static DeploymentItem key(String endpointName, String id) {
        DeploymentItem item = new DeploymentItem();
        item.setEndpointName(endpointName);
        item.setId(id);
        return item;
    }

    private static DeploymentItem toItem(Deployment d) {
        DeploymentItem item = key(d.endpointName(), d.id());
        item.setKind(d.kind().name());
        ServedModel from = d.from();
        if (from != null) {
            item.setFromModelName(from.modelName());
            item.setFromVersion(from.version());
            item.setFromArtifactUri(from.artifactUri());
            item.setFromSha256(from.sha256());
        }
        item.setToModelName(d.to().modelName());
        item.setToVersion(d.to().version());
        item.setToArtifactUri(d.to().artifactUri());
        item.setToSha256(d.to().sha256());
        item.setFromConfig(d.fromConfig());
        item.setToConfig(d.toConfig());
        DeploymentPolicy policy = d.policy();
        item.setRouting(policy.routing().name());
        item.setStepPercent(policy.stepPercent());
        item.setWaitIntervalSeconds(policy.waitIntervalSeconds());
        item.setTerminationWaitSeconds(policy.terminationWaitSeconds());
        item.setMaximumExecutionSeconds(policy.maximumExecutionSeconds());
        item.setAutoRollback(policy.autoRollback());
        item.setAlarmNames(d.alarmNames().isEmpty() ? null : d.alarmNames());
        item.setStartedBy(d.startedBy());
        item.setStartedAt(SortableInstant.format(d.startedAt()));
        item.setEndedAt(d.endedAt() == null ? null : SortableInstant.format(d.endedAt()));
        item.setOutcome(d.outcome().name());
        item.setOutcomeDetail(d.outcomeDetail());
        return item;
    }

    private static Entry toEntry(DeploymentItem item) {
        ServedModel from = item.getFromArtifactUri() == null ? null : new ServedModel(item.getFromModelName(),
                item.getFromVersion(), item.getFromArtifactUri(), item.getFromSha256());
        ServedModel to = new ServedModel(item.getToModelName(), item.getToVersion(), item.getToArtifactUri(),
                item.getToSha256());
        DeploymentPolicy policy = new DeploymentPolicy(TrafficRouting.valueOf(item.getRouting()), item.getStepPercent(),
                item.getWaitIntervalSeconds(), item.getTerminationWaitSeconds(), item.getMaximumExecutionSeconds(),
                Boolean.TRUE.equals(item.getAutoRollback()));
        Deployment deployment = new Deployment(item.getId(), item.getEndpointName(),
                Deployment.Kind.valueOf(item.getKind()), from, to, item.getFromConfig(), item.getToConfig(), policy,
                item.getAlarmNames() == null ? List.of() : item.getAlarmNames(), item.getStartedBy(),
                SortableInstant.parse(item.getStartedAt()),
                item.getEndedAt() == null ? null : SortableInstant.parse(item.getEndedAt()),
                Outcome.valueOf(item.getOutcome()), item.getOutcomeDetail());
        return new Entry(deployment, item.getAbortRequestedBy(), item.getAbortReason());
    }
}
