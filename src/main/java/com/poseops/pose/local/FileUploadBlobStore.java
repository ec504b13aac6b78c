package com.poseops.pose.local;

import com.poseops.platform.persistence.AtomicFiles;
import com.poseops.platform.persistence.DataDirectory;
import com.poseops.pose.UploadBlobStore;
import com.poseops.pose.UploadKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Uploads under {@code <dataDir>/uploads/<user>/<id>.<kind>}. The user's directory name is a hash of the user name,
 * and the id is checked, so no name a person can choose reaches the file system as a path.
 */
public final class FileUploadBlobStore implements UploadBlobStore {

    private final Path root;
    private final DataDirectory dataDirectory;

    public FileUploadBlobStore(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.root = dataDirectory.root().resolve("uploads");
    }

    /**
     * @throws UncheckedIOException with a {@link com.poseops.platform.persistence.DiskFullException} when the data
     *                              directory is below its minimum free space (nothing is written)
     */
    @Override
    public void put(String username, String uploadId, Kind kind, byte[] content) {
        Path file = file(username, uploadId, kind);
        dataDirectory.requireSpace();
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the upload under " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String username, String uploadId, Kind kind) {
        try {
            return Optional.of(Files.readAllBytes(file(username, uploadId, kind)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload under " + root + ": " + e.getMessage(), e);
        }
    }

    private Path file(String username, String uploadId, Kind kind) {
        return root.resolve(UploadKeys.userSegment(username))
                .resolve(UploadKeys.checkedId(uploadId) + "." + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
}
