package com.poseops.pose;

import com.poseops.endpoints.EndpointException;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.image.ImageHeader;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Shows a captured request on the Pose page: the captured image with the prediction the endpoint answered then (no
 * new inference), like an upload from the history. VIEWER and up.
 */
public class CaptureViewer {

    /** Upload ids of captures shown on the page start with this (they are not uploads and not in the history). */
    public static final String ID_PREFIX = "capture:";

    private final Supplier<Optional<CapturedPredictions>> captures;
    private final Authorization authorization;
    private final ImageWorkBudget imageWork;

    public CaptureViewer(Supplier<Optional<CapturedPredictions>> captures, Authorization authorization,
            ImageWorkBudget imageWork) {
        this.captures = captures;
        this.authorization = authorization;
        this.imageWork = imageWork;
    }

    public static boolean isCapture(UploadRecord record) {
        return record.id().startsWith(ID_PREFIX);
    }

    /**
     * @throws UploadRejectedException when the capture is not (or no longer) kept, or its answer is not a prediction
     */
    public PoseOutcome show(String captureId) {
        CurrentUser user = authorization.require(Role.VIEWER, "pose.capture", "capture/" + captureId);
        CapturedPredictions.CapturedPrediction capture = find(captureId);
        PoseResult result;
        try {
            result = PoseResultParser.parse(capture.response());
        } catch (EndpointException e) {
            throw new UploadRejectedException("The captured answer is not a pose prediction (" + e.getMessage()
                    + ").");
        }
        UploadRecord record = new UploadRecord(ID_PREFIX + captureId, user.username(), capture.at(),
                "captured request " + capture.at() + " (variant " + capture.variant() + ")", capture.contentType(),
                capture.image().length, result.score(), capture.variant(), null);
        return new PoseOutcome(record, result, null, capture.variant(), null, null, null, null, true,
                capture.image());
    }

    /**
     * The captured image with the skeleton drawn, as a PNG of the image's size (at most
     * {@value PoseImages#MAX_ANNOTATED_SIDE} px on its longer side), within the console's image-work budget.
     *
     * @throws BusyException when other large images are being drawn
     */
    public byte[] annotatedPng(UploadRecord record, PoseResult result, double threshold) {
        authorization.require(Role.VIEWER, "pose.download", record.id());
        byte[] image = find(record.id().substring(ID_PREFIX.length())).image();
        try {
            ImageHeader header = ImageHeader.read(image, image.length, PoseService.MAX_IMAGE_PIXELS);
            return imageWork.run(header.pixels(),
                    () -> PoseImages.annotatedPng(image, header.orientation(), result.keypoints(), threshold));
        } catch (ImageRejectedException | IOException e) {
            throw new UploadRejectedException("The annotated image could not be drawn (" + e.getMessage() + ").");
        }
    }

    private CapturedPredictions.CapturedPrediction find(String captureId) {
        return captures.get().flatMap(c -> c.find(captureId)).orElseThrow(() -> new UploadRejectedException(
                "This captured request is no longer kept — pick a recent one on the Monitoring page."));
    }
}
