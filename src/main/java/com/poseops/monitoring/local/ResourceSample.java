package com.poseops.monitoring.local;

import java.time.Instant;

/**
 * One look at a variant's processes: CPU in SageMaker's convention (100 % per core, summed over the processes),
 * resident memory as a share of the machine's memory, and how full the file system the variant works on is.
 */
record ResourceSample(Instant at, String variant, double cpuPercent, double memoryPercent, double diskPercent) {
}
