package com.poseops.training;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * Stored form of a {@link TrainingJob} (table {@code <prefix>training-jobs}); lists and maps as JSON. Every job has
 * {@code listing = "job"}, so that the {@code byStart} index lists all jobs newest first. {@code revision} is the
 * optimistic lock: the runner, the poller and the service never overwrite each other's writes.
 */
@DynamoDbBean
public class TrainingJobItem {

    public static final String BY_START_INDEX = "byStart";
    static final String LISTING = "job";

    private String name = "";
    private String listing = LISTING;
    private String createdAt = "";
    private String startedBy = "";
    private String reason = "";
    private String hyperparametersJson = "{}";
    private String channelsJson = "[]";
    private String instanceType = "";
    private Integer maxRuntimeSeconds = 0;
    private String metricDefinitionsJson = "[]";
    private String progressJson = "{}";
    private String metricsJson = "{}";
    private Integer producedVersion;
    private String registrationNote;
    private String registrationClaim;
    private String endAnnouncedBy;
    private Long localPid;
    private String localPidStart;
    private Long revision;

    @DynamoDbPartitionKey
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_START_INDEX)
    public String getListing() {
        return listing;
    }

    public void setListing(String listing) {
        this.listing = listing;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_START_INDEX)
    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public void setStartedBy(String startedBy) {
        this.startedBy = startedBy;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getHyperparametersJson() {
        return hyperparametersJson;
    }

    public void setHyperparametersJson(String hyperparametersJson) {
        this.hyperparametersJson = hyperparametersJson;
    }

    public String getChannelsJson() {
        return channelsJson;
    }

    public void setChannelsJson(String channelsJson) {
        this.channelsJson = channelsJson;
    }

    public String getInstanceType() {
        return instanceType;
    }

    public void setInstanceType(String instanceType) {
        this.instanceType = instanceType;
    }

    public Integer getMaxRuntimeSeconds() {
        return maxRuntimeSeconds;
    }

    public void setMaxRuntimeSeconds(Integer maxRuntimeSeconds) {
        this.maxRuntimeSeconds = maxRuntimeSeconds;
    }

    public String getMetricDefinitionsJson() {
        return metricDefinitionsJson;
    }

    public void setMetricDefinitionsJson(String metricDefinitionsJson) {
        this.metricDefinitionsJson = metricDefinitionsJson;
    }

    public String getProgressJson() {
        return progressJson;
    }

    public void setProgressJson(String progressJson) {
        this.progressJson = progressJson;
    }

    public String getMetricsJson() {
        return metricsJson;
    }

    public void setMetricsJson(String metricsJson) {
        this.metricsJson = metricsJson;
    }

    public Integer getProducedVersion() {
        return producedVersion;
    }

    public void setProducedVersion(Integer producedVersion) {
        this.producedVersion = producedVersion;
    }

    public String getRegistrationNote() {
        return registrationNote;
    }

    public void setRegistrationNote(String registrationNote) {
        this.registrationNote = registrationNote;
    }

    /** Which console took on registering the job's version (first writer wins). */
    public String getRegistrationClaim() {
        return registrationClaim;
    }

    public void setRegistrationClaim(String registrationClaim) {
        this.registrationClaim = registrationClaim;
    }

    /** Which console told the rest of the console (notifications) that the job ended; null until one did. */
    public String getEndAnnouncedBy() {
        return endAnnouncedBy;
    }

    public void setEndAnnouncedBy(String endAnnouncedBy) {
        this.endAnnouncedBy = endAnnouncedBy;
    }

    /** Local mode: the running program's process id, to end it if the console died while it ran. */
    public Long getLocalPid() {
        return localPid;
    }

    public void setLocalPid(Long localPid) {
        this.localPid = localPid;
    }

    /** Local mode: when that process started (a reused pid is not the job's). */
    public String getLocalPidStart() {
        return localPidStart;
    }

    public void setLocalPidStart(String localPidStart) {
        this.localPidStart = localPidStart;
    }

    @DynamoDbVersionAttribute
    public Long getRevision() {
        return revision;
    }

    public void setRevision(Long revision) {
        this.revision = revision;
    }
}
