package com.poseops.monitoring.local;

import com.poseops.monitoring.CaptureFormat;
import com.poseops.monitoring.CapturedRequest;
import com.poseops.monitoring.CapturedRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * local mode's captured requests: the JSON Lines files of the {@link LocalCaptureWriter}, newest first (folders are
 * {@code yyyy/MM/dd/HH}, so names sort by time). An id is the file's path below the capture folder and the line
 * number; an id that points outside the folder is not found.
 */
public class LocalCapturedRequests implements CapturedRequests {

    private final LocalCaptureWriter writer;
    private final Path endpointFolder;

    public LocalCapturedRequests(LocalCaptureWriter writer, String endpointName) {
        this.writer = writer;
        this.endpointFolder = writer.root().resolve(LocalCaptureWriter.safe(endpointName)).toAbsolutePath().normalize();
    }

    @Override
    public List<CapturedRequest> recent(int limit) {
        List<CapturedRequest> found = new ArrayList<>();
        if (!Files.isDirectory(endpointFolder)) {
            return found;
        }
        // every variant's files, newest hour first; the file name starts with the first capture's mm-ss-SSS
        List<Path> files;
        try (Stream<Path> walk = Files.walk(endpointFolder, 6)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing((Path p) -> endpointFolder.relativize(p).subpath(1,
                            endpointFolder.relativize(p).getNameCount()).toString()).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("The captured requests could not be listed under " + endpointFolder, e);
        }
        for (Path file : files) {
            List<CapturedRequest> ofFile = read(file);
            for (int i = ofFile.size() - 1; i >= 0; i--) {
                found.add(ofFile.get(i));
            }
            if (found.size() >= limit * 2) {
                break; // files of different variants overlap in time: read a little more, then sort
            }
        }
        found.sort(Comparator.comparing(CapturedRequest::at).reversed());
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public Optional<CapturedRequest> find(String id) {
        int hash = id.lastIndexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        Path file = endpointFolder.resolve(id.substring(0, hash)).toAbsolutePath().normalize();
        if (!file.startsWith(endpointFolder) || !file.toString().endsWith(".jsonl") || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        int line;
        try {
            line = Integer.parseInt(id.substring(hash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return read(file).stream().filter(c -> c.id().equals(idOf(file, line))).findFirst();
    }

    @Override
    public long dropped() {
        return writer.dropped();
    }

    private List<CapturedRequest> read(Path file) {
        List<CapturedRequest> captures = new ArrayList<>();
        String variant = endpointFolder.relativize(file).getName(0).toString();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    CaptureFormat.parse(idOf(file, i + 1), variant, lines.get(i)).ifPresent(captures::add);
                }
            }
        } catch (IOException e) {
            // a file being written or removed meanwhile: what could be read is shown
        }
        return captures;
    }

    private String idOf(Path file, int line) {
        return endpointFolder.relativize(file).toString().replace('\\', '/') + "#" + line;
    }
}
