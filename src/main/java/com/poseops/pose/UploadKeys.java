package com.poseops.pose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names under which a blob store keeps uploads. A user name becomes a hash and an id must be a plain token, so no
 * name a person can choose ever reaches a file path or an S3 key as written.
 */
public final class UploadKeys {

    private UploadKeys() {
    }

    public static String userSegment(String username) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String checkedId(String uploadId) {
        if (!uploadId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("Not an upload id: " + uploadId);
        }
        return uploadId;
    }
}
