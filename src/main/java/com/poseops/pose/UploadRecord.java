package com.poseops.pose;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One image a person uploaded on the Pose page, and how its prediction went. The image itself and the prediction
 * JSON live in the {@link UploadBlobStore}; this record is the index entry (DynamoDB table {@code pose-uploads}).
 *
 * @param meanScore the prediction's mean keypoint score, null until a prediction succeeded
 * @param error     why the last prediction failed (a sentence for the page), null otherwise
 */
public record UploadRecord(String id, String username, Instant uploadedAt, String fileName, String contentType,
        long sizeBytes, @Nullable Double meanScore, @Nullable String variant, @Nullable String error) {

    public boolean predicted() {
        return meanScore != null;
    }
}
