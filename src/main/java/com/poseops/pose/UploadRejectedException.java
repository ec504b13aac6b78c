package com.poseops.pose;

/** The file cannot be used at all (empty, too large, not a JPEG/PNG); nothing was stored. The message is for the page. */
public class UploadRejectedException extends RuntimeException {

    public UploadRejectedException(String message) {
        super(message);
    }
}
