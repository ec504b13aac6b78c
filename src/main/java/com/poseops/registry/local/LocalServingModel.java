package com.poseops.registry.local;

import com.poseops.inference.engine.ModelFile;
import com.poseops.registry.ServingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The local endpoint serves the file configured in {@code PoseOps.modelPath}; this reports it with its SHA-256
 * (recomputed only when the file changes). With no model configured, nothing is reported.
 */
public final class LocalServingModel implements ServingModel {

    private final @Nullable Path modelFile;
    private volatile @Nullable Cached cached;

    private record Cached(FileTime modified, long size, String sha256) {
    }

    public LocalServingModel(@Nullable Path modelFile) {
        this.modelFile = modelFile;
    }

    @Override
    public Optional<Served> current() {
        Path file = modelFile;
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Cached known = cached;
            if (known == null || !known.modified().equals(modified) || known.size() != size) {
                known = new Cached(modified, size, ModelFile.sha256(file));
                cached = known;
            }
            return Optional.of(new Served(ModelFile.displayName(file), known.sha256(), file.toUri().toString(), file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
