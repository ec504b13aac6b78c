package com.poseops.platform.config;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
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
 * image, COCO order, no image names): {@code images} names the image of each row, in row order. This is the default
 * set: a dataset chosen on the Models page takes its place. With an empty {@code imagesDir} and no dataset chosen,
 * versions are registered without metrics.
 */
@Validated
@ConfigurationProperties("evaluation")
@EvaluationSettings.FilesExist
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

    /**
     * The folder, the CSV and the images must exist when evaluation is on. A class-level check (they depend on each
     * other) whose violations name the key that is wrong, so the start-up error points at it.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = FilesExist.Check.class)
    @interface FilesExist {
        String message() default "the evaluation set is incomplete";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<FilesExist, EvaluationSettings> {
            @Override
            public boolean isValid(EvaluationSettings settings, ConstraintValidatorContext context) {
                Path dir = settings == null ? null : settings.imagesDirectory();
                if (dir == null) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                if (!Files.isDirectory(dir)) {
                    return violation(context, "imagesDir", "must be an existing folder (or empty: no default evaluation set)");
                }
                boolean valid = true;
                Path truth = settings.truthFile();
                if (truth == null || !Files.isRegularFile(truth) || !Files.isReadable(truth)) {
                    valid = violation(context, "truthCsv", "must be a readable file (a relative path is inside "
                            + "Evaluation.imagesDir)");
                }
                if (settings.images() != null) {
                    for (String name : settings.images()) {
                        if (name == null || name.isBlank()) {
                            continue; // @NotBlank reports it
                        }
                        Path image = dir.resolve(name).normalize();
                        if (!image.startsWith(dir) || !Files.isRegularFile(image)) {
                            valid = violation(context, "images", "must name files inside Evaluation.imagesDir; "
                                    + name + " is not one");
                            break;
                        }
                    }
                }
                return valid;
            }

            private static boolean violation(ConstraintValidatorContext context, String property, String message) {
                context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                        .addPropertyNode(property).addConstraintViolation();
                return false;
            }
        }
    }
}
