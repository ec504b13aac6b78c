package com.poseops.registry;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** Stored form of an {@link EvaluationStatus}: one item per evaluated model, the per-image results as JSON. */
@DynamoDbBean
public class EvaluationItem {

    private String key = "";
    private String state = "";
    private int done;
    private int total;
    private String message = "";
    private String startedAt = "";
    private String finishedAt = "";
    private Map<String, String> metrics = new HashMap<>();
    private String imagesJson = "[]";
    private String evaluatedOn = "";

    @DynamoDbPartitionKey
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public int getDone() {
        return done;
    }

    public void setDone(int done) {
        this.done = done;
    }

    public int getTotal() {
        return total;
    }

    public void setTotal(int total) {
        this.total = total;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    public Map<String, String> getMetrics() {
        return metrics;
    }

    public void setMetrics(Map<String, String> metrics) {
        this.metrics = metrics == null ? new HashMap<>() : new HashMap<>(metrics);
    }

    public String getImagesJson() {
        return imagesJson;
    }

    public void setImagesJson(String imagesJson) {
        this.imagesJson = imagesJson;
    }

    public String getEvaluatedOn() {
        return evaluatedOn;
    }

    public void setEvaluatedOn(String evaluatedOn) {
        this.evaluatedOn = evaluatedOn == null ? "" : evaluatedOn;
    }
}
