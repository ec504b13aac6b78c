package com.poseops.pose;

import com.poseops.endpoints.EndpointException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the Pose page shows for one upload: the prediction, or why there is none (the upload is stored either way).
 *
 * @param endpointName    the endpoint that answered (null when shown from history or when it failed)
 * @param variant         the variant that answered
 * @param endpointRoundTrip time from sending the image to having the answer, as PoseOps saw it
 * @param total           time from receiving the upload to having the prediction stored (null from history)
 * @param failure         why the prediction failed, null on success
 * @param fromHistory     shown again from the stored prediction, without a new inference
 * @param image           the uploaded image when it was at hand (read or received for this outcome), so that the page
 *                        need not read it again; null when it was not read (equality of outcomes is not used)
 */
public record PoseOutcome(UploadRecord upload, @Nullable PoseResult result, @Nullable String endpointName,
        @Nullable String variant, @Nullable Duration endpointRoundTrip, @Nullable Duration total,
        EndpointException.@Nullable Reason failure, @Nullable String error, boolean fromHistory,
        byte @Nullable [] image) {

    public boolean succeeded() {
        return result != null;
    }
}
