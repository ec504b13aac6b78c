package com.poseops.monitoring;

/**
 * The port of the monitoring feature: the same series for a time range, period and variant in both modes. aws:
 * CloudWatch {@code GetMetricData}, one request for all series of a view. local: the per-minute records PoseOps keeps
 * of what its front door routed and of the variants' processes.
 */
public interface MetricsSource {

    /**
     * @throws MetricsUnavailableException when the numbers cannot be had (CloudWatch throttling, 5xx or timeouts after
     *                                     retries with backoff; access denied; the database not answering), with a
     *                                     message a person can act on
     */
    MetricsResult fetch(MetricQuery query);

    /** Where the numbers come from, for the page ("CloudWatch", "PoseOps' local recorder"). */
    String describe();
}
