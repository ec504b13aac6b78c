package com.poseops.monitoring.local;

import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The stored form of one variant's minute (or hour) of traffic and resource use (table {@code monitoring-metrics}).
 * Partition {@code <endpoint>#<variant>#minute} or {@code …#hour}, sorted by the bucket's start; the partition
 * {@code <endpoint>#variants} lists the variants that have data (one item per variant). Latencies are HdrHistograms
 * in microseconds, compressed with HdrHistogram's own encoding, so buckets merge exactly. {@code expiresAt} (epoch
 * seconds) is the DynamoDB TTL attribute; readers skip expired items themselves (DynamoDB deletes them lazily).
 */
@DynamoDbBean
public class MetricsItem {

    private String pk = "";
    private String sk = "";
    private long invocations;
    private long errors4xx;
    private long errors5xx;
    private long modelLatencySumMicros;
    private long overheadLatencySumMicros;
    private @Nullable SdkBytes modelLatency;
    private @Nullable SdkBytes overheadLatency;
    private double cpuPercentSum;
    private double memoryPercentSum;
    private double diskPercentSum;
    private long resourceSamples;
    private @Nullable List<Long> minuteLatencySumsMicros;
    private @Nullable List<Long> minuteInvocations;
    private @Nullable Long expiresAt;

    @DynamoDbPartitionKey
    public String getPk() {
        return pk;
    }

    public void setPk(String pk) {
        this.pk = pk;
    }

    @DynamoDbSortKey
    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }

    public long getInvocations() {
        return invocations;
    }

    public void setInvocations(long invocations) {
        this.invocations = invocations;
    }

    public long getErrors4xx() {
        return errors4xx;
    }

    public void setErrors4xx(long errors4xx) {
        this.errors4xx = errors4xx;
    }

    public long getErrors5xx() {
        return errors5xx;
    }

    public void setErrors5xx(long errors5xx) {
        this.errors5xx = errors5xx;
    }

    public long getModelLatencySumMicros() {
        return modelLatencySumMicros;
    }

    public void setModelLatencySumMicros(long modelLatencySumMicros) {
        this.modelLatencySumMicros = modelLatencySumMicros;
    }

    public long getOverheadLatencySumMicros() {
        return overheadLatencySumMicros;
    }

    public void setOverheadLatencySumMicros(long overheadLatencySumMicros) {
        this.overheadLatencySumMicros = overheadLatencySumMicros;
    }

    public @Nullable SdkBytes getModelLatency() {
        return modelLatency;
    }

    public void setModelLatency(@Nullable SdkBytes modelLatency) {
        this.modelLatency = modelLatency;
    }

    public @Nullable SdkBytes getOverheadLatency() {
        return overheadLatency;
    }

    public void setOverheadLatency(@Nullable SdkBytes overheadLatency) {
        this.overheadLatency = overheadLatency;
    }

    public double getCpuPercentSum() {
        return cpuPercentSum;
    }

    public void setCpuPercentSum(double cpuPercentSum) {
        this.cpuPercentSum = cpuPercentSum;
    }

    public double getMemoryPercentSum() {
        return memoryPercentSum;
    }

    public void setMemoryPercentSum(double memoryPercentSum) {
        this.memoryPercentSum = memoryPercentSum;
    }

    public double getDiskPercentSum() {
        return diskPercentSum;
    }

    public void setDiskPercentSum(double diskPercentSum) {
        this.diskPercentSum = diskPercentSum;
    }

    public long getResourceSamples() {
        return resourceSamples;
    }

    public void setResourceSamples(long resourceSamples) {
        this.resourceSamples = resourceSamples;
    }

    public @Nullable List<Long> getMinuteLatencySumsMicros() {
        return minuteLatencySumsMicros;
    }

    public void setMinuteLatencySumsMicros(@Nullable List<Long> minuteLatencySumsMicros) {
        this.minuteLatencySumsMicros = minuteLatencySumsMicros;
    }

    public @Nullable List<Long> getMinuteInvocations() {
        return minuteInvocations;
    }

    public void setMinuteInvocations(@Nullable List<Long> minuteInvocations) {
        this.minuteInvocations = minuteInvocations;
    }

    public @Nullable Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(@Nullable Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
