package com.poseops.monitoring;

import java.util.List;
import java.util.Optional;

/**
 * The second port of the monitoring feature: the endpoint's captured requests ({@code DataCapture.enableCapture},
 * sampled at {@code initialSamplingPercentage}). local: JSON Lines files the local capture writer keeps under
 * {@code <dataDir>/<S3Config.dataCapture>}; aws: the files SageMaker's {@code DataCaptureConfig} writes to
 * {@code s3://<S3Config.bucketName>/<S3Config.dataCapture>}. Same layout and format in both.
 */
public interface CapturedRequests {

    /** The newest captures, newest first, at most {@code limit}. */
    List<CapturedRequest> recent(int limit);

    /** One capture by its {@link CapturedRequest#id()}; empty when it is not (or no longer) kept. */
    Optional<CapturedRequest> find(String id);

    /** Captures not written because the queue was full, since the console started (local mode; 0 in aws mode). */
    long dropped();
}
