package com.poseops.pose;

import java.time.Instant;
import java.util.Optional;

/**
 * Requests the endpoint's data capture kept, so that the Pose page can show one ("opened from Monitoring"). The
 * monitoring feature provides it; without it the Pose page simply has no captures to open.
 */
@FunctionalInterface
public interface CapturedPredictions {

    Optional<CapturedPrediction> find(String id);

    /**
     * @param image    the request body as captured (a JPEG or PNG)
     * @param response the endpoint's answer as captured (the inference server's JSON)
     */
    record CapturedPrediction(String id, Instant at, String variant, String contentType, byte[] image,
            byte[] response) {
    }
}
