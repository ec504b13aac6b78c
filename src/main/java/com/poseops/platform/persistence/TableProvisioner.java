package com.poseops.platform.persistence;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creates every table of PoseOps that is missing, or checks that they all exist, at start. */
public class TableProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TableProvisioner.class);

    private final DynamoDbClient dynamoDb;
    private final DynamoDbTables tables;

    public TableProvisioner(DynamoDbClient dynamoDb, DynamoDbTables tables) {
        this.dynamoDb = dynamoDb;
        this.tables = tables;
    }

    /** Creates the missing tables (idempotent: tables that exist are left as they are) and waits until active. */
    public void createMissing() {
        for (TableDefinition<?> definition : tables.definitions()) {
            String name = tables.physicalName(definition);
            if (!exists(name)) {
                try {
                    tables.table(definition).createTable(createRequest(definition));
                    log.info("Created DynamoDB table {}", name);
                } catch (ResourceInUseException alreadyBeingCreated) {
                    log.debug("Table {} is being created by someone else", name);
                }
                dynamoDb.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(name).build());
            }
            enableTimeToLive(definition, name);
        }
    }

    /** Turns on DynamoDB TTL where the definition names an attribute (also for a table made before it had one). */
    private void enableTimeToLive(TableDefinition<?> definition, String name) {
        String attribute = definition.timeToLiveAttribute();
        if (attribute == null) {
            return;
        }
        TimeToLiveDescription current = dynamoDb.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
        if (current != null && attribute.equals(current.attributeName())
                && (current.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                        || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING)) {
            return;
        }
        dynamoDb.updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(spec -> spec.attributeName(attribute).enabled(true)));
        log.info("Enabled time to live on DynamoDB table {} (attribute {})", name, attribute);
    }

    /** Fails with one message listing every missing table, for aws mode where CloudFormation owns the tables. */
    public void requireAll() {
        List<String> missing = new ArrayList<>();
        for (TableDefinition<?> definition : tables.definitions()) {
            String name = tables.physicalName(definition);
            if (!exists(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingResourcesException("DynamoDB table(s) " + String.join(", ", missing)
                    + " do not exist in this account/region. Deploy infra/cloudformation/poseops-storage.yml (docs/deploy-aws.md), or start with "
                    + "POSEOPS_AWS_CREATE_RESOURCES=true to let PoseOps create them.");
        }
    }

    private boolean exists(String name) {
        try {
            TableStatus status = dynamoDb.describeTable(r -> r.tableName(name)).table().tableStatus();
            return status != TableStatus.DELETING;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Without a provisioned throughput the enhanced client creates on-demand (PAY_PER_REQUEST) tables. */
    private static CreateTableEnhancedRequest createRequest(TableDefinition<?> definition) {
        CreateTableEnhancedRequest.Builder request = CreateTableEnhancedRequest.builder();
        if (!definition.secondaryIndexes().isEmpty()) {
            request.globalSecondaryIndices(definition.secondaryIndexes().stream()
                    .map(index -> EnhancedGlobalSecondaryIndex.builder()
                            .indexName(index)
                            .projection(p -> p.projectionType(ProjectionType.ALL))
                            .build())
                    .toList());
        }
        return request.build();
    }
}
