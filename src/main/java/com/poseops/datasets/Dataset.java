package com.poseops.datasets;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A labelled image set the console knows.
 *
 * @param id        the console's identity of the set ({@code ds-…}), also the audit target {@code dataset:<id>}
 * @param name      what people call it
 * @param source    how it came in
 * @param location  where its files are: a folder (local mode) or {@code s3://bucket/prefix/} (aws mode)
 * @param labelFile the name of its label file (CSV or COCO JSON)
 * @param images    every image with its size, content hash and whether the label file labels it
 * @param createdBy who uploaded or registered it
 */
public record Dataset(String id, String name, Source source, String location, String labelFile, List<Image> images,
        Instant createdAt, String createdBy) {

    public enum Source {
        UPLOADED("uploaded zip"), FOLDER("folder on the console's machine"), S3_PREFIX("S3 prefix");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One image of a set.
     *
     * @param sha256   SHA-256 (hex) of the file: overlaps between sets are found by content, not by name
     * @param width    upright width in pixels
     * @param labelled whether the label file gives its keypoints
     */
    public record Image(String name, String sha256, int width, int height, boolean labelled) {
    }

    public Dataset {
        Objects.requireNonNull(id, "id");
        images = List.copyOf(images);
    }

    public long labelledCount() {
        return images.stream().filter(Image::labelled).count();
    }

    /** The audit target of this set. */
    public String target() {
        return target(id);
    }

    public static String target(String id) {
        return "dataset:" + id;
    }
}
