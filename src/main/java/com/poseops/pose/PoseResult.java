package com.poseops.pose;

import com.poseops.inference.BodyPart;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The inference server's answer, field for field (Jackson writes a {@code PoseResult} back as the same JSON):
 * <pre>
 * {"model":{"name","inputSize","inputType","sha256"}, "image":{"width","height"},
 *  "keypoints":[{"name","x","y","score"} × 17], "score":&lt;mean&gt;,
 *  "timingsMs":{"decode","preprocess","inference","postprocess","total"}}
 * </pre>
 * Keypoint coordinates are pixels of the original image; scores are 0..1. Build one with {@link PoseResultParser},
 * which checks all of it.
 *
 * @param score the mean of the 17 keypoint scores, as the server computed it
 */
public record PoseResult(Model model, Image image, List<Keypoint> keypoints, double score, Timings timingsMs) {

    /** MoveNet's 17 keypoints (COCO order), the order of {@link #keypoints()}: the inference server's labels. */
    public static final List<String> KEYPOINT_NAMES =
            Arrays.stream(BodyPart.values()).map(BodyPart::label).toList();

    public PoseResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(timingsMs, "timingsMs");
        keypoints = List.copyOf(keypoints);
    }

    /** The model that answered. {@code sha256} identifies the exact .tflite (it matches the registry's record). */
    public record Model(String name, int inputSize, String inputType, String sha256) {
    }

    /** The size of the image as the server decoded it (after EXIF orientation), in pixels. */
    public record Image(int width, int height) {
    }

    public record Keypoint(String name, double x, double y, double score) {
    }

    /** Where the server's time went, in milliseconds. */
    public record Timings(double decode, double preprocess, double inference, double postprocess, double total) {
    }
}
