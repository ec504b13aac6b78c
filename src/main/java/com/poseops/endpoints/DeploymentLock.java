package com.poseops.endpoints;

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
 * Exactly one deployment at a time per endpoint (DynamoDB table {@code <prefix>endpoint-locks}, both modes): a deploy
 * or rollback first claims the endpoint with {@code attribute_not_exists} — of two people (or one double-click, or two
 * consoles) exactly one gets the claim, the other learns who holds it. The claim is released when the deployment
 * ends, by its own id only.
 */
public class DeploymentLock {

    public static final TableDefinition<DeploymentLockItem> TABLE =
            new TableDefinition<>("endpoint-locks", TableSchema.fromBean(DeploymentLockItem.class), List.of());

    /** Who holds the endpoint, for what, since when. */
    public record Claim(String endpointName, String deploymentId, String heldBy, String action, Instant since) {
    }

    private final DynamoDbTable<DeploymentLockItem> table;

    public DeploymentLock(DynamoDbTables tables) {
        this.table = tables.table(TABLE);
    }

    /**
     * Claims the endpoint.
     *
     * @throws DeploymentInProgressException naming the holder, when someone else holds it
     */
    public void claim(Claim claim) {
        DeploymentLockItem item = new DeploymentLockItem();
        item.setEndpointName(claim.endpointName());
        item.setDeploymentId(claim.deploymentId());
        item.setHeldBy(claim.heldBy());
        item.setAction(claim.action());
        item.setSince(SortableInstant.format(claim.since()));
        try {
            table.putItem(PutItemEnhancedRequest.builder(DeploymentLockItem.class).item(item)
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(#name)")
                            .putExpressionName("#name", "endpointName").build())
                    .build());
        } catch (ConditionalCheckFailedException taken) {
            Claim holder = holder(claim.endpointName()).orElse(
                    new Claim(claim.endpointName(), "?", "someone", "a deployment", claim.since()));
            throw new DeploymentInProgressException(holder);
        }
    }

    /** Releases the claim of {@code deploymentId} (nobody else's). */
    public void release(String endpointName, String deploymentId) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(endpointName).build())
                    .conditionExpression(Expression.builder().expression("#id = :id")
                            .putExpressionName("#id", "deploymentId")
                            .putExpressionValue(":id", AttributeValue.fromS(deploymentId)).build())
                    .build());
        } catch (ConditionalCheckFailedException notOurs) {
            // released already, or another deployment's claim: leave it
        }
    }

    public Optional<Claim> holder(String endpointName) {
        DeploymentLockItem item = table.getItem(r -> r.key(Key.builder().partitionValue(endpointName).build())
                .consistentRead(true));
        return item == null ? Optional.empty() : Optional.of(new Claim(item.getEndpointName(), item.getDeploymentId(),
                item.getHeldBy(), item.getAction(), SortableInstant.parse(item.getSince())));
    }
}
