package com.poseops.inference.labels;

import com.poseops.inference.BodyPart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads truth keypoints from a label file:
 * <ul>
 * <li><b>CSV</b> in the {@code pose_landmark_truth.csv} format of tensorflow/examples: a header
 * {@code nose_x,nose_y,…,right_ankle_y} (17 keypoints, COCO order) and one row per image, in pixels. An optional first
 * column {@code image} names each row's image; without it the rows belong to the images given by the caller, in
 * order. An empty x/y pair marks a keypoint that is not labelled.</li>
 * <li><b>COCO person keypoints JSON</b>: {@code images[]} ({@code id}, {@code file_name}) and {@code annotations[]}
 * ({@code image_id}, {@code keypoints} = 17 × [x, y, v]; v = 0 means not labelled). MoveNet SinglePose sees one person,
 * so an image with several annotations takes the one with the most labelled keypoints.</li>
 * </ul>
 * Every error names the file, the row or entry and what belongs there.
 */
public final class LabelFile {

    /** Label files larger than this are refused: 10 000 rows of 35 numbers fit in far less. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    public static final String IMAGE_COLUMN = "image";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> KEYPOINT_COLUMNS = keypointColumns();

    private LabelFile() {
    }

    /** True for the file names this reader understands ({@code .csv}, {@code .json}). */
    public static boolean isLabelFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".json");
    }

    /**
     * @param fileName  the label file's name (its extension picks the format; it is named in errors)
     * @param content   the file's bytes (UTF-8)
     * @param rowImages for a CSV without an {@code image} column: the image of each row, in order (else ignored)
     * @throws LabelFormatException saying what is wrong
     */
    public static List<LabelledPose> parse(String fileName, byte[] content, @Nullable List<String> rowImages) {
        if (content.length > MAX_BYTES) {
            throw new LabelFormatException(fileName + " is " + content.length + " bytes; a label file may have at most "
                    + MAX_BYTES / (1024 * 1024) + " MB.");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return parseCoco(fileName, text);
        }
        if (lower.endsWith(".csv")) {
            return parseCsv(fileName, text, rowImages);
        }
        throw new LabelFormatException(fileName + " is neither a .csv nor a COCO .json label file.");
    }

    /** Whether a CSV header names its images (then the caller needs no row order). */
    public static boolean csvNamesImages(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int end = text.indexOf('\n');
        String header = end < 0 ? text : text.substring(0, end);
        return header.split(",", -1)[0].strip().equalsIgnoreCase(IMAGE_COLUMN);
    }

    static List<LabelledPose> parseCsv(String fileName, String text, @Nullable List<String> rowImages) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new LabelFormatException(fileName + " is empty; it needs the header nose_x,nose_y,…,right_ankle_y "
                    + "and one row per image.");
        }
        List<String> header = cells(lines.getFirst());
        boolean named = !header.isEmpty() && header.getFirst().equalsIgnoreCase(IMAGE_COLUMN);
        List<String> expected = new ArrayList<>();
        if (named) {
            expected.add(IMAGE_COLUMN);
        }
        expected.addAll(KEYPOINT_COLUMNS);
        List<String> actual = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        if (!actual.equals(expected)) {
            throw new LabelFormatException(fileName + " does not start with the header " + (named ? "image," : "")
                    + "nose_x,nose_y,…,right_ankle_y (the x and y of the 17 keypoints in COCO order, optionally after "
                    + "an image column).");
        }
        List<String> rows = lines.subList(1, lines.size());
        if (rows.isEmpty()) {
            throw new LabelFormatException(fileName + " has a header but no rows.");
        }
        if (!named && (rowImages == null || rowImages.size() != rows.size())) {
            throw new LabelFormatException(fileName + " has " + rows.size() + " rows and no image column"
                    + (rowImages == null ? "" : ", but " + rowImages.size() + " images were given for them")
                    + ". Add a first column \"image\" with each row's file name.");
        }
        List<LabelledPose> poses = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            int lineNumber = r + 2;
            List<String> cells = cells(rows.get(r));
            if (cells.size() != expected.size()) {
                throw new LabelFormatException("Row " + lineNumber + " of " + fileName + " has " + cells.size()
                        + " values; expected " + expected.size() + (named ? " (the image and" : " (")
                        + " the x and y of 17 keypoints).");
            }
            int offset = named ? 1 : 0;
            String image = named ? cells.getFirst() : rowImages.get(r);
            if (image.isBlank()) {
                throw new LabelFormatException("Row " + lineNumber + " of " + fileName + " names no image.");
            }
            Integer earlier = seen.put(image, lineNumber);
            if (earlier != null) {
                throw new LabelFormatException("Rows " + earlier + " and " + lineNumber + " of " + fileName
                        + " both label " + image + "; give one row per image.");
            }
            double[] x = new double[BodyPart.COUNT];
            double[] y = new double[BodyPart.COUNT];
            boolean[] labelled = new boolean[BodyPart.COUNT];
            for (int k = 0; k < BodyPart.COUNT; k++) {
                String xs = cells.get(offset + 2 * k);
                String ys = cells.get(offset + 2 * k + 1);
                if (xs.isEmpty() && ys.isEmpty()) {
                    continue;
                }
                String column = BodyPart.ofIndex(k).label();
                x[k] = coordinate(xs, lineNumber, column + "_x", fileName);
                y[k] = coordinate(ys, lineNumber, column + "_y", fileName);
                labelled[k] = true;
            }
            poses.add(new LabelledPose(image, x, y, labelled));
        }
        return poses;
    }

    static List<LabelledPose> parseCoco(String fileName, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new LabelFormatException(fileName + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("images").isArray() || !root.path("annotations").isArray()) {
            throw new LabelFormatException(fileName + " is not a COCO keypoints file: it needs the lists \"images\" "
                    + "and \"annotations\".");
        }
        checkCocoKeypointNames(fileName, root.path("categories"));
        Map<Long, String> names = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode image : root.path("images")) {
            JsonNode id = image.get("id");
            JsonNode name = image.get("file_name");
            if (id == null || !id.canConvertToLong() || name == null || !name.isString() || name.asString().isBlank()) {
                throw new LabelFormatException("images[" + i + "] of " + fileName + " needs a numeric \"id\" and a "
                        + "\"file_name\".");
            }
            names.put(id.asLong(), baseName(name.asString()));
            i++;
        }
        Map<Long, LabelledPose> best = new LinkedHashMap<>();
        i = 0;
        for (JsonNode annotation : root.path("annotations")) {
            String where = "annotations[" + i + "] of " + fileName;
            i++;
            JsonNode imageId = annotation.get("image_id");
            if (imageId == null || !imageId.canConvertToLong() || !names.containsKey(imageId.asLong())) {
                throw new LabelFormatException(where + " refers to an image_id that is not in \"images\".");
            }
            JsonNode keypoints = annotation.get("keypoints");
            if (keypoints == null || !keypoints.isArray() || keypoints.size() != BodyPart.COUNT * 3) {
                throw new LabelFormatException(where + " needs \"keypoints\": 17 × [x, y, visibility] = 51 numbers.");
            }
            double[] x = new double[BodyPart.COUNT];
            double[] y = new double[BodyPart.COUNT];
            boolean[] labelled = new boolean[BodyPart.COUNT];
            for (int k = 0; k < BodyPart.COUNT; k++) {
                JsonNode vx = keypoints.get(3 * k);
                JsonNode vy = keypoints.get(3 * k + 1);
                JsonNode v = keypoints.get(3 * k + 2);
                if (!vx.isNumber() || !vy.isNumber() || !v.isNumber()) {
                    throw new LabelFormatException(where + ": keypoint " + BodyPart.ofIndex(k).label()
                            + " is not three numbers.");
                }
                if (v.asInt() == 0) {
                    continue;
                }
                if (vx.asDouble() < 0 || vy.asDouble() < 0 || !Double.isFinite(vx.asDouble())
                        || !Double.isFinite(vy.asDouble())) {
                    throw new LabelFormatException(where + ": keypoint " + BodyPart.ofIndex(k).label()
                            + " has a negative coordinate.");
                }
                x[k] = vx.asDouble();
                y[k] = vy.asDouble();
                labelled[k] = true;
            }
            LabelledPose pose = new LabelledPose(names.get(imageId.asLong()), x, y, labelled);
            LabelledPose known = best.get(imageId.asLong());
            if (known == null || pose.labelledCount() > known.labelledCount()) {
                best.put(imageId.asLong(), pose);
            }
        }
        if (best.isEmpty()) {
            throw new LabelFormatException(fileName + " has no person annotations with keypoints.");
        }
        return List.copyOf(best.values());
    }

    /** When the file lists its keypoint names, they must be COCO-17 in MoveNet's order. */
    private static void checkCocoKeypointNames(String fileName, JsonNode categories) {
        if (!categories.isArray()) {
            return;
        }
        for (JsonNode category : categories) {
            JsonNode keypoints = category.get("keypoints");
            if (keypoints == null || !keypoints.isArray()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            keypoints.forEach(n -> names.add(n.asString().toLowerCase(Locale.ROOT)));
            List<String> expected = java.util.Arrays.stream(BodyPart.values()).map(BodyPart::label).toList();
            if (!names.equals(expected)) {
                throw new LabelFormatException(fileName + " names its keypoints " + names + "; MoveNet needs the 17 "
                        + "COCO keypoints in the order " + expected + ".");
            }
        }
    }

    private static double coordinate(String cell, int row, String column, String fileName) {
        try {
            double value = Double.parseDouble(cell);
            if (!Double.isFinite(value) || value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new LabelFormatException("Row " + row + " of " + fileName + " has '" + cell + "' in " + column
                    + " where a pixel coordinate (a number ≥ 0) belongs.");
        }
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String stripped = cell.strip();
            if (stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")) {
                stripped = stripped.substring(1, stripped.length() - 1).strip();
            }
            cells.add(stripped);
        }
        return cells;
    }

    /** COCO file names may carry a folder; images are matched by their own name. */
    private static String baseName(String path) {
        String name = path.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static List<String> keypointColumns() {
        List<String> columns = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            columns.add(part.label() + "_x");
            columns.add(part.label() + "_y");
        }
        return List.copyOf(columns);
    }

    /** The CSV header this reader writes and expects, with the image column. */
    public static String namedCsvHeader() {
        return IMAGE_COLUMN + "," + String.join(",", KEYPOINT_COLUMNS);
    }

    /** One CSV row of {@link #namedCsvHeader()} for a pose (empty cells for keypoints that are not labelled). */
    public static String namedCsvRow(LabelledPose pose) {
        StringBuilder row = new StringBuilder(pose.image().replace(",", "_"));
        for (int k = 0; k < BodyPart.COUNT; k++) {
            row.append(',');
            if (pose.labelled()[k]) {
                row.append(number(pose.x()[k])).append(',').append(number(pose.y()[k]));
            } else {
                row.append(',');
            }
        }
        return row.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
