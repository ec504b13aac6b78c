package com.poseops.datasets;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * Stored form of a {@link Dataset} (table {@code <prefix>datasets}, both modes); the image list as JSON. Every item has
 * {@code listing = "dataset"}, so that the {@code byCreated} index lists all sets newest first without a Scan.
 */
@DynamoDbBean
public class DatasetItem {

    public static final String BY_CREATED_INDEX = "byCreated";
    static final String LISTING = "dataset";

    private String id = "";
    private String listing = LISTING;
    private String name = "";
    private String source = "";
    private String location = "";
    private String labelFile = "";
    private String imagesJson = "[]";
    private String createdAt = "";
    private String createdBy = "";

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CREATED_INDEX)
    public String getListing() {
        return listing;
    }

    public void setListing(String listing) {
        this.listing = listing;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getLabelFile() {
        return labelFile;
    }

    public void setLabelFile(String labelFile) {
        this.labelFile = labelFile;
    }

    public String getImagesJson() {
        return imagesJson;
    }

    public void setImagesJson(String imagesJson) {
        this.imagesJson = imagesJson;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_CREATED_INDEX)
    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }
}
