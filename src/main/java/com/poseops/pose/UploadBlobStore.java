package com.poseops.pose;

import java.util.Optional;

/** Where uploaded images, their thumbnails and prediction JSON are kept: files (local mode) or S3 (aws mode). */
public interface UploadBlobStore {

    enum Kind {
        IMAGE, THUMBNAIL, PREDICTION
    }

    void put(String username, String uploadId, Kind kind, byte[] content);

    Optional<byte[]> get(String username, String uploadId, Kind kind);
}
