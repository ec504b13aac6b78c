/** Benchmark of the inference server (not a test): raw invoke vs end-to-end latency and throughput. */
@NullMarked
package com.poseops.inference.bench;

import org.jspecify.annotations.NullMarked;
