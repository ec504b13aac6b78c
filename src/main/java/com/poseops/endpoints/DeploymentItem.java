package com.poseops.endpoints;

import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * Stored form of one deployment ({@link Deployment}) in the table {@code <prefix>endpoint-deployments}: partitioned by
 * endpoint, sorted by {@code <startedAt>#<uuid>} so that "newest first" is one descending query. Unset attributes
 * stay null, so that a partial update ({@code IgnoreNullsMode.SCALAR_ONLY}) changes only what it names.
 */
@DynamoDbBean
public class DeploymentItem {

    private String endpointName = "";
    private String id = "";
    private String kind;
    private String fromModelName;
    private Integer fromVersion;
    private String fromArtifactUri;
    private String fromSha256;
    private String toModelName;
    private Integer toVersion;
    private String toArtifactUri;
    private String toSha256;
    private String fromConfig;
    private String toConfig;
    private String routing;
    private Integer stepPercent;
    private Integer waitIntervalSeconds;
    private Integer terminationWaitSeconds;
    private Integer maximumExecutionSeconds;
    private Boolean autoRollback;
    private List<String> alarmNames;
    private String startedBy;
    private String startedAt;
    private String endedAt;
    private String outcome;
    private String outcomeDetail;
    private String abortRequestedBy;
    private String abortReason;

    @DynamoDbPartitionKey
    public String getEndpointName() {
        return endpointName;
    }

    public void setEndpointName(String endpointName) {
        this.endpointName = endpointName;
    }

    @DynamoDbSortKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getFromModelName() {
        return fromModelName;
    }

    public void setFromModelName(String fromModelName) {
        this.fromModelName = fromModelName;
    }

    public Integer getFromVersion() {
        return fromVersion;
    }

    public void setFromVersion(Integer fromVersion) {
        this.fromVersion = fromVersion;
    }

    public String getFromArtifactUri() {
        return fromArtifactUri;
    }

    public void setFromArtifactUri(String fromArtifactUri) {
        this.fromArtifactUri = fromArtifactUri;
    }

    public String getFromSha256() {
        return fromSha256;
    }

    public void setFromSha256(String fromSha256) {
        this.fromSha256 = fromSha256;
    }

    public String getToModelName() {
        return toModelName;
    }

    public void setToModelName(String toModelName) {
        this.toModelName = toModelName;
    }

    public Integer getToVersion() {
        return toVersion;
    }

    public void setToVersion(Integer toVersion) {
        this.toVersion = toVersion;
    }

    public String getToArtifactUri() {
        return toArtifactUri;
    }

    public void setToArtifactUri(String toArtifactUri) {
        this.toArtifactUri = toArtifactUri;
    }

    public String getToSha256() {
        return toSha256;
    }

    public void setToSha256(String toSha256) {
        this.toSha256 = toSha256;
    }

    public String getFromConfig() {
        return fromConfig;
    }

    public void setFromConfig(String fromConfig) {
        this.fromConfig = fromConfig;
    }

    public String getToConfig() {
        return toConfig;
    }

    public void setToConfig(String toConfig) {
        this.toConfig = toConfig;
    }

    public String getRouting() {
        return routing;
    }

    public void setRouting(String routing) {
        this.routing = routing;
    }

    public Integer getStepPercent() {
        return stepPercent;
    }

    public void setStepPercent(Integer stepPercent) {
        this.stepPercent = stepPercent;
    }

    public Integer getWaitIntervalSeconds() {
        return waitIntervalSeconds;
    }

    public void setWaitIntervalSeconds(Integer waitIntervalSeconds) {
        this.waitIntervalSeconds = waitIntervalSeconds;
    }

    public Integer getTerminationWaitSeconds() {
        return terminationWaitSeconds;
    }

    public void setTerminationWaitSeconds(Integer terminationWaitSeconds) {
        this.terminationWaitSeconds = terminationWaitSeconds;
    }

    public Integer getMaximumExecutionSeconds() {
        return maximumExecutionSeconds;
    }

    public void setMaximumExecutionSeconds(Integer maximumExecutionSeconds) {
        this.maximumExecutionSeconds = maximumExecutionSeconds;
    }

    public Boolean getAutoRollback() {
        return autoRollback;
    }

    public void setAutoRollback(Boolean autoRollback) {
        this.autoRollback = autoRollback;
    }

    public List<String> getAlarmNames() {
        return alarmNames;
    }

    public void setAlarmNames(List<String> alarmNames) {
        this.alarmNames = alarmNames;
    }

    public String getStartedBy() {
        return startedBy;
    }

    public void setStartedBy(String startedBy) {
        this.startedBy = startedBy;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getEndedAt() {
        return endedAt;
    }

    public void setEndedAt(String endedAt) {
        this.endedAt = endedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getOutcomeDetail() {
        return outcomeDetail;
    }

    public void setOutcomeDetail(String outcomeDetail) {
        this.outcomeDetail = outcomeDetail;
    }

    public String getAbortRequestedBy() {
        return abortRequestedBy;
    }

    public void setAbortRequestedBy(String abortRequestedBy) {
        this.abortRequestedBy = abortRequestedBy;
    }

    public String getAbortReason() {
        return abortReason;
    }

    public void setAbortReason(String abortReason) {
        this.abortReason = abortReason;
    }
}
