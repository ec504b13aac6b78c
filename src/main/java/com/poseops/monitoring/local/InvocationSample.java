package com.poseops.monitoring.local;

import java.time.Instant;

/**
 * What is kept of one routed request for the metrics: no bodies (a request may be 6 MB), so that the recording queue
 * stays small.
 */
record InvocationSample(Instant at, String variant, int statusCode, long modelLatencyMicros,
        long overheadLatencyMicros) {
}
