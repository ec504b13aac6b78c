/** Monitoring adapters for aws mode: CloudWatch GetMetricData and the endpoint's data capture in S3. */
@NullMarked
package com.poseops.monitoring.aws;

import org.jspecify.annotations.NullMarked;
