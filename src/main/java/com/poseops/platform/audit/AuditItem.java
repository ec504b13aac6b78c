package com.poseops.platform.audit;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The stored form of an {@link AuditEntry}. Partitioned by month ({@code 2026-11}) and sorted by
 * {@code <ISO instant>#<id>}, so that the newest entries are a descending query on the current month; the
 * {@code byTarget} index serves a target's history (e.g. everything that happened to one model version).
 */
@DynamoDbBean
public class AuditItem {

    static final String BY_TARGET_INDEX = "byTarget";

    private String month = "";
    private String sortKey = "";
    private String actor = "";
    private String action = "";
    private String target = "";
    private String outcome = "";
    private String comment = "";

    @DynamoDbPartitionKey
    public String getMonth() {
        return month;
    }

    public void setMonth(String month) {
        this.month = month;
    }

    @DynamoDbSortKey
    @DynamoDbSecondarySortKey(indexNames = BY_TARGET_INDEX)
    public String getSortKey() {
        return sortKey;
    }

    public void setSortKey(String sortKey) {
        this.sortKey = sortKey;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_TARGET_INDEX)
    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
