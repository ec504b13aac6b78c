package com.poseops.endpoints;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * The one-deployment-at-a-time claim on an endpoint (table {@code <prefix>endpoint-locks}): written with
 * {@code attribute_not_exists}, removed by its holder when the deployment ends.
 */
@DynamoDbBean
public class DeploymentLockItem {

    private String endpointName = "";
    private String deploymentId;
    private String heldBy;
    private String action;
    private String since;

    @DynamoDbPartitionKey
    public String getEndpointName() {
        return endpointName;
    }

    public void setEndpointName(String endpointName) {
        this.endpointName = endpointName;
    }

    public String getDeploymentId() {
        return deploymentId;
    }

    public void setDeploymentId(String deploymentId) {
        this.deploymentId = deploymentId;
    }

    public String getHeldBy() {
        return heldBy;
    }

    public void setHeldBy(String heldBy) {
        this.heldBy = heldBy;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }
}
