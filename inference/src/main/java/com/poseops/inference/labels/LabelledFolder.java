package com.poseops.inference.labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A folder of labelled images, the layout of a training channel and of a dataset: JPEG/PNG/BMP images and exactly one
 * label file ({@code .csv} or COCO {@code .json}, see {@link LabelFile}) directly in the folder (or in its single
 * sub-folder, as a zip often has). A CSV without an image column labels the images in file-name order, and then
 * needs exactly one row per image.
 *
 * @param directory the folder the images are in
 * @param labelFile the label file
 * @param images    every image file in the folder, by name
 * @param labelled  each label with its image file, in the label file's order
 */
public record LabelledFolder(Path directory, Path labelFile, List<Path> images, List<Entry> labelled) {

    /** One labelled image. */
    public record Entry(Path image, LabelledPose pose) {
    }

    public LabelledFolder {
        images = List.copyOf(images);
        labelled = List.copyOf(labelled);
    }

    /**
     * Reads the label file and matches every label to an image file.
     *
     * @param rowImages for a CSV without an image column: the image of each row (null = the images in name order)
     * @param maxImages more image files than this are refused
     * @throws LabelFormatException when the folder is not a labelled set (no or several label files, a label naming a
     *                              missing image, …), saying what to do
     */
    public static LabelledFolder read(Path folder, @Nullable List<String> rowImages, int maxImages) {
        Path directory = contentDirectory(folder);
        List<Path> files = list(directory);
        List<Path> labelFiles = files.stream().filter(f -> LabelFile.isLabelFileName(name(f))).toList();
        List<Path> images = files.stream().filter(f -> UprightImage.isImageFileName(name(f))).toList();
        if (labelFiles.isEmpty()) {
            throw new LabelFormatException("No label file: put the truth keypoints next to the images as a .csv "
                    + "(pose_landmark_truth.csv format) or a COCO person-keypoints .json.");
        }
        if (labelFiles.size() > 1) {
            throw new LabelFormatException("More than one label file (" + String.join(", ",
                    labelFiles.stream().map(LabelledFolder::name).toList()) + "); keep exactly one .csv or .json.");
        }
        if (images.isEmpty()) {
            throw new LabelFormatException("No images: a labelled set needs JPEG, PNG or BMP files next to "
                    + name(labelFiles.getFirst()) + ".");
        }
        if (images.size() > maxImages) {
            throw new LabelFormatException(images.size() + " images; a labelled set may have at most " + maxImages
                    + ".");
        }
        Path labelFile = labelFiles.getFirst();
        byte[] content;
        try {
            if (Files.size(labelFile) > LabelFile.MAX_BYTES) {
                throw new LabelFormatException(name(labelFile) + " is larger than " + LabelFile.MAX_BYTES / (1024 * 1024)
                        + " MB.");
            }
            content = Files.readAllBytes(labelFile);
        } catch (IOException e) {
            throw new LabelFormatException("Cannot read " + name(labelFile) + ": " + e.getMessage(), e);
        }
        List<String> order = rowImages;
        if (order == null && !LabelFile.csvNamesImages(content)) {
            order = images.stream().map(LabelledFolder::name).toList();
        }
        List<LabelledPose> poses = LabelFile.parse(name(labelFile), content, order);
        Map<String, Path> byName = new HashMap<>();
        images.forEach(image -> byName.put(name(image), image));
        List<Entry> entries = new ArrayList<>();
        for (LabelledPose pose : poses) {
            Path image = byName.get(pose.image());
            if (image == null) {
                throw new LabelFormatException(name(labelFile) + " labels " + pose.image() + ", which is not among the "
                        + "images (" + String.join(", ", byName.keySet().stream().sorted().limit(10).toList())
                        + (byName.size() > 10 ? ", …" : "") + ").");
            }
            entries.add(new Entry(image, pose));
        }
        return new LabelledFolder(directory, labelFile, images, entries);
    }

    /** The folder itself, or its only sub-folder when it holds nothing else but hidden files. */
    static Path contentDirectory(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new LabelFormatException(folder + " is not a folder.");
        }
        List<Path> entries = list(folder);
        List<Path> visible = entries.stream().filter(p -> !name(p).startsWith(".") && !name(p).equals("__MACOSX"))
                .toList();
        if (visible.size() == 1 && Files.isDirectory(visible.getFirst())) {
            return visible.getFirst();
        }
        return folder;
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> stream = Files.list(directory)) {
            return stream.filter(p -> !name(p).startsWith(".")).sorted(Comparator.comparing(LabelledFolder::name))
                    .toList();
        } catch (IOException e) {
            throw new LabelFormatException("Cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    static String name(Path path) {
        Path file = path.getFileName();
        return file == null ? path.toString() : file.toString();
    }
}
