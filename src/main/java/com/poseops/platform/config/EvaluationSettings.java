package com.poseops.platform.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Evaluation}: the labelled images every newly registered model version is evaluated on. The truth
 * CSV is in the {@code pose_landmark_truth.csv} format (a header, then one row of 17 × (x, y) pixel coordinates per
 * image, COCO order, no image names): {@code images} names the image of each row, in row order. An empty
 * {@code imagesDir} turns evaluation off (versions are registered without metrics).
 */
@Validated
@ConfigurationProperties("evaluation")
public record EvaluationSettings(
        @NotNull @DefaultValue("") String imagesDir,
        @NotBlank @DefaultValue("pose_landmark_truth.csv") String truthCsv,
        @NotNull @Size(min = 1, max = 1000, message = "must name 1 to 1000 images, one per truth CSV row")
        @DefaultValue({"image1.png", "image2.jpeg"}) List<@NotBlank String> images) {

    public boolean enabled() {
        return !imagesDir.isBlank();
    }

    public @Nullable Path imagesDirectory() {
        return enabled() ? Path.of(imagesDir).toAbsolutePath().normalize() : null;
    }

    /** The truth CSV; a relative path is relative to {@code imagesDir}. */
    public @Nullable Path truthFile() {
        Path dir = imagesDirectory();
        return dir == null ? null : dir.resolve(truthCsv).normalize();
    }

    @AssertTrue(message = "Evaluation.imagesDir must be an existing folder (or empty to turn evaluation off)")
    public boolean isImagesDirAFolder() {
        Path dir = imagesDirectory();
        return dir == null || Files.isDirectory(dir);
    }

    @AssertTrue(message = "Evaluation.truthCsv must be a readable file (relative paths are inside Evaluation.imagesDir)")
    public boolean isTruthCsvReadable() {
        Path truth = truthFile();
        return truth == null || !Files.isDirectory(truth.getParent()) || Files.isReadable(truth) && Files.isRegularFile(truth);
    }

    @AssertTrue(message = "every name in Evaluation.images must be a file inside Evaluation.imagesDir")
    public boolean isImagesPresent() {
        Path dir = imagesDirectory();
        if (dir == null || !Files.isDirectory(dir) || images == null) {
            return true;
        }
        return images.stream().allMatch(name -> name != null && !name.isBlank()
                && dir.resolve(name).normalize().startsWith(dir) && Files.isRegularFile(dir.resolve(name)));
    }
}
