package com.poseops.endpoints;

import java.util.List;
import java.util.Objects;

/**
 * One alarm that guards a deployment (SageMaker's {@code AutoRollbackConfiguration} names them): while a deployment
 * bakes, an alarm in ALARM sends all traffic back to the old fleet. The definition is made once, here, and shared: aws
 * mode writes it to CloudWatch with {@code PutMetricAlarm}, local mode evaluates the same rule over the traffic its
 * front door measures, and the Monitoring page shows the same alarm's state.
 *
 * @param name              the CloudWatch alarm name (prefixed with the endpoint name, so IAM can scope it)
 * @param kind              what it watches
 * @param threshold         latency: average {@code ModelLatency} in microseconds ({@code ModelMonitoring.threshold}
 *                          seconds × 1,000,000); errors: the share of requests answered 5xx, 0..1
 * @param periodSeconds     length of one evaluation period (60 s in CloudWatch for SageMaker's 1-minute metrics)
 * @param evaluationPeriods how many periods are looked at, {@code datapointsToAlarm} of which must breach
 */
public record RollbackAlarm(String name, Kind kind, double threshold, int periodSeconds, int evaluationPeriods,
        int datapointsToAlarm) {

    public RollbackAlarm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (periodSeconds < 1 || evaluationPeriods < 1 || datapointsToAlarm < 1
                || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("invalid alarm periods for " + name);
        }
    }

    /** Every alarm PoseOps owns starts with this, so that IAM policies can be scoped to {@code poseops-*}. */
    public static final String NAME_PREFIX = "poseops-";

    /**
     * The two rollback alarms of an endpoint — the one definition that CloudWatch (aws), the local control plane and
     * the Monitoring page all use.
     *
     * @param thresholdSeconds {@code ModelMonitoring.threshold}: average inference time in seconds
     * @param maxErrorRate     share of requests answered 5xx above which the deployment rolls back (e.g. 0.05)
     * @param periodSeconds    evaluation period (60 in aws mode: SageMaker's metrics are per minute)
     */
    public static List<RollbackAlarm> define(String endpointName, double thresholdSeconds, double maxErrorRate,
            int periodSeconds) {
        return List.of(
                new RollbackAlarm(NAME_PREFIX + endpointName + "-latency", Kind.LATENCY, thresholdSeconds * 1_000_000d,
                        periodSeconds, 1, 1),
                new RollbackAlarm(NAME_PREFIX + endpointName + "-5xx", Kind.ERROR_RATE, maxErrorRate, periodSeconds,
                        1, 1));
    }

    public enum Kind {
        /** {@code AWS/SageMaker ModelLatency}, Average, above the threshold (µs). */
        LATENCY("Average model latency"),
        /** {@code AWS/SageMaker Invocation5XXErrors}, Average (= share of requests), above the threshold. */
        ERROR_RATE("5xx error rate");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** CloudWatch's alarm states. */
    public enum State {
        OK, ALARM, INSUFFICIENT_DATA
    }
}
