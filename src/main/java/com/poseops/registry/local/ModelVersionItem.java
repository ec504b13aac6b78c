package com.poseops.registry.local;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;

/**
 * Stored form of a local model version: partitioned by registry group, sorted by version number, so that "newest
 * first" is one descending query. {@code revision} is the enhanced client's optimistic lock: two writers of the same
 * version cannot both win.
 */
@DynamoDbBean
public class ModelVersionItem {

    private String group = "";
    private Integer version = 0;
    private String createdAt = "";
    private String registeredBy = "";
    private String description = "";
    private String status = "";
    private Map<String, String> metrics = new HashMap<>();
    private String artifactUri = "";
    private String approvalDescription;
    private String modelSha256;
    private String sourceJob;
    private Long revision;

    @DynamoDbPartitionKey
    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    @DynamoDbSortKey
    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getRegisteredBy() {
        return registeredBy;
    }

    public void setRegisteredBy(String registeredBy) {
        this.registeredBy = registeredBy;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Map<String, String> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, String> metrics) {
        this.metrics = metrics == null ? new HashMap<>() : new HashMap<>(metrics);
    }

    public String getArtifactUri() {
        return artifactUri;
    }

    public void setArtifactUri(String artifactUri) {
        this.artifactUri = artifactUri;
    }

    public String getApprovalDescription() {
        return approvalDescription;
    }

    public void setApprovalDescription(String approvalDescription) {
        this.approvalDescription = approvalDescription;
    }

    public String getModelSha256() {
        return modelSha256;
    }

    public void setModelSha256(String modelSha256) {
        this.modelSha256 = modelSha256;
    }

    /** The training job that produced the version; null for an uploaded model. */
    public String getSourceJob() {
        return sourceJob;
    }

    public void setSourceJob(String sourceJob) {
        this.sourceJob = sourceJob;
    }

    @DynamoDbVersionAttribute
    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }
}
