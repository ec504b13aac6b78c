package com.poseops.training;

import java.time.Instant;

/**
 * One value of a job's metric, as its metric definition's regex caught it.
 *
 * @param index the value's position in that metric's series (0, 1, …): the epoch for a trainer that prints one line per
 *              epoch (the curves are drawn and compared epoch by epoch)
 */
public record MetricPoint(String metric, int index, double value, Instant at) {
}
