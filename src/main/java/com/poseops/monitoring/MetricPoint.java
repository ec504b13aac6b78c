package com.poseops.monitoring;

import java.time.Instant;

/** One value of a series: the statistic over the period that starts at {@code start}. */
public record MetricPoint(Instant start, double value) {
}
