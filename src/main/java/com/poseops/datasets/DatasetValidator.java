package com.poseops.datasets;

import com.poseops.inference.BodyPart;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.labels.LabelFormatException;
import com.poseops.inference.labels.LabelledFolder;
import com.poseops.inference.labels.LabelledPose;
import com.poseops.inference.labels.UprightImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a folder of labelled images the way the trainer and the evaluation will read it (the inference code's own
 * label reader): exactly one label file, every label names an image, every image decodes, every labelled keypoint lies
 * inside its image, at least one image is labelled. Collects up to {@value #MAX_PROBLEMS} problems so that a person
 * can fix them in one go.
 */
final class DatasetValidator {

    static final int MAX_PROBLEMS = 10;
    /** Larger images are refused before decoding (the inference server's own limit). */
    static final long MAX_IMAGE_PIXELS = 40_000_000L;

    /** What a valid folder holds. */
    record Checked(LabelledFolder folder, List<Dataset.Image> images) {
    }

    private DatasetValidator() {
    }

    /** @throws InvalidDatasetException listing what is wrong */
    static Checked check(Path folder, int maxImages) {
        LabelledFolder labelled;
        try {
            labelled = LabelledFolder.read(folder, null, maxImages);
        } catch (LabelFormatException e) {
            throw new InvalidDatasetException(e.getMessage());
        }
        Map<String, LabelledPose> labels = labelled.labelled().stream()
                .collect(Collectors.toMap(e -> e.pose().image(), LabelledFolder.Entry::pose, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        List<Dataset.Image> images = new ArrayList<>();
        for (Path file : labelled.images()) {
            String name = file.getFileName().toString();
            try {
                byte[] bytes = Files.readAllBytes(file);
                BufferedImage image = UprightImage.decode(bytes, MAX_IMAGE_PIXELS);
                LabelledPose pose = labels.get(name);
                if (pose != null) {
                    BodyPart outside = pose.firstOutside(image.getWidth(), image.getHeight());
                    if (outside != null) {
                        problems.add(labelled.labelFile().getFileName() + " puts " + outside.label() + " of " + name
                                + " at (" + Math.round(pose.x(outside)) + ", " + Math.round(pose.y(outside))
                                + "), outside the image (" + image.getWidth() + "×" + image.getHeight() + ").");
                    }
                }
                images.add(new Dataset.Image(name, HexFormat.of().formatHex(ModelFile.newSha256().digest(bytes)),
                        image.getWidth(), image.getHeight(), pose != null));
            } catch (ImageRejectedException e) {
                problems.add(name + " is not a usable image: " + e.getMessage());
            } catch (IOException e) {
                problems.add(name + " cannot be read: " + e.getMessage());
            }
            if (problems.size() >= MAX_PROBLEMS) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDatasetException(problems);
        }
        if (images.stream().noneMatch(Dataset.Image::labelled)) {
            throw new InvalidDatasetException("No image is labelled: " + labelled.labelFile().getFileName()
                    + " names none of the images.");
        }
        return new Checked(labelled, images);
    }

    /** The checked set's files by name: the label file and the images. */
    static Map<String, Path> files(Checked checked) {
        Map<String, Path> files = checked.folder().images().stream()
                .collect(Collectors.toMap(p -> p.getFileName().toString(), Function.identity()));
        files.put(checked.folder().labelFile().getFileName().toString(), checked.folder().labelFile());
        return files;
    }
}
