/**
 * Monitoring: the endpoint's inference time, traffic, errors and resource use over a chosen time range, the latency
 * threshold and its violations, the rollback alarms' state, deployment markers and captured requests. The
 * {@link com.poseops.monitoring.MetricsSource} port has one adapter per mode: CloudWatch (aws) and PoseOps' own
 * per-minute records of the local front door's traffic (local).
 */
@NullMarked
package com.poseops.monitoring;

import org.jspecify.annotations.NullMarked;
