package com.poseops.pose.aws;

import com.poseops.platform.config.S3Settings;
import com.poseops.pose.UploadBlobStore;
import com.poseops.pose.UploadKeys;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Uploads in the project's bucket: images and thumbnails under {@code S3Config.realtimeS3Prefix}, prediction JSON
 * under {@code S3Config.outputDir} — the prefixes the original scripts used for real-time input and predictions.
 */
public final class S3UploadBlobStore implements UploadBlobStore {

    private final S3Client s3;
    private final S3Settings settings;

    public S3UploadBlobStore(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    @Override
    public void put(String username, String uploadId, Kind kind, byte[] content) {
        s3.putObject(request -> request.bucket(settings.bucketName()).key(key(username, uploadId, kind))
                .contentType(contentType(kind)), RequestBody.fromBytes(content));
    }

    @Override
    public Optional<byte[]> get(String username, String uploadId, Kind kind) {
        try {
            return Optional.of(s3.getObjectAsBytes(request -> request.bucket(settings.bucketName())
                    .key(key(username, uploadId, kind))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    String key(String username, String uploadId, Kind kind) {
        String user = UploadKeys.userSegment(username);
        UploadKeys.checkedId(uploadId);
        return switch (kind) {
            case IMAGE -> S3Settings.key(settings.realtimeS3Prefix(), "uploads/" + user + "/" + uploadId + ".img");
            case THUMBNAIL -> S3Settings.key(settings.realtimeS3Prefix(), "uploads/" + user + "/" + uploadId + ".thumb.jpg");
            case PREDICTION -> S3Settings.key(settings.outputDir(), "uploads/" + user + "/" + uploadId + ".json");
        };
    }

    private static String contentType(Kind kind) {
        return switch (kind) {
            case IMAGE -> "application/octet-stream";
            case THUMBNAIL -> "image/jpeg";
            case PREDICTION -> "application/json";
        };
    }
}
