package com.poseops.pose;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** Stored form of an {@link UploadRecord}: partitioned by user, sorted by upload time, so "my recent uploads" is one query. */
@DynamoDbBean
public class UploadItem {

    private String username = "";
    private String sortKey = "";
    private String id = "";
    private String fileName = "";
    private String contentType = "";
    private long sizeBytes;
    private @Nullable Double meanScore;
    private @Nullable String variant;
    private @Nullable String error;

    @DynamoDbPartitionKey
    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** {@code <sortable instant>#<id>}. */
    @DynamoDbSortKey
    public String getSortKey() {
        return sortKey;
    }

    public void setSortKey(String sortKey) {
        this.sortKey = sortKey;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public @Nullable Double getMeanScore() {
        return meanScore;
    }

    public void setMeanScore(@Nullable Double meanScore) {
        this.meanScore = meanScore;
    }

    public @Nullable String getVariant() {
        return variant;
    }

    public void setVariant(@Nullable String variant) {
        this.variant = variant;
    }

    public @Nullable String getError() {
        return error;
    }

    public void setError(@Nullable String error) {
        this.error = error;
    }
}
