package com.poseops.datasets.local;

import com.poseops.datasets.DatasetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Local mode: an uploaded set is copied to {@code <dataDir>/datasets/<id>/}; a registered folder is read where it
 * is (the console reads it with its own permissions, so register only folders meant to be shared with it).
 */
public final class LocalDatasetFiles implements DatasetFiles {

    private final Path root;

    public LocalDatasetFiles(Path dataDirectory) {
        this.root = dataDirectory.resolve("datasets");
    }

    @Override
    public String store(String datasetId, List<Path> files) {
        Path directory = root.resolve(datasetId);
        try {
            Files.createDirectories(directory);
            for (Path file : files) {
                Files.copy(file, directory.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
            return directory.toAbsolutePath().normalize().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the dataset under " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String normalise(String location) {
        if (location.isBlank() || location.startsWith("s3://")) {
            throw new IllegalArgumentException("Give the path of a folder on the console's machine (local mode), "
                    + "e.g. /data/pose/validation" + (location.startsWith("s3://") ? "; S3 prefixes need aws mode." : "."));
        }
        Path folder = Path.of(location).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder on the console's machine.");
        }
        return folder.toString();
    }

    @Override
    public String registrationExample() {
        return "/srv/pose/validation-set";
    }

    @Override
    public Path materialise(String location, Path scratch, int maxFiles, long maxBytes) {
        Path folder = Path.of(location);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("The dataset folder " + location + " is gone.");
        }
        return folder;
    }

    @Override
    public byte[] read(String location, String relativePath) {
        Path folder = Path.of(location).toAbsolutePath().normalize();
        Path file = folder.resolve(relativePath).normalize();
        if (!file.startsWith(folder)) {
            throw new IllegalArgumentException(relativePath + " is outside the dataset");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + relativePath + " of the dataset at " + location + ": "
                    + e.getMessage(), e);
        }
    }
}
