package com.poseops.inference;

import java.util.List;

/** The 17 COCO keypoints MoveNet predicts, in the model's output order. {@link #label()} is the name used in JSON. */
public enum BodyPart {
    NOSE("nose"),
    LEFT_EYE("left_eye"),
    RIGHT_EYE("right_eye"),
    LEFT_EAR("left_ear"),
    RIGHT_EAR("right_ear"),
    LEFT_SHOULDER("left_shoulder"),
    RIGHT_SHOULDER("right_shoulder"),
    LEFT_ELBOW("left_elbow"),
    RIGHT_ELBOW("right_elbow"),
    LEFT_WRIST("left_wrist"),
    RIGHT_WRIST("right_wrist"),
    LEFT_HIP("left_hip"),
    RIGHT_HIP("right_hip"),
    LEFT_KNEE("left_knee"),
    RIGHT_KNEE("right_knee"),
    LEFT_ANKLE("left_ankle"),
    RIGHT_ANKLE("right_ankle");

    /** Number of keypoints (17). */
    public static final int COUNT = 17;

    private static final BodyPart[] BY_INDEX = values();

    /** Pairs of keypoints joined when the skeleton is drawn (same edges as the TensorFlow MoveNet tutorial). */
    public static final List<Edge> SKELETON = List.of(
            new Edge(NOSE, LEFT_EYE), new Edge(NOSE, RIGHT_EYE), new Edge(LEFT_EYE, LEFT_EAR),
            new Edge(RIGHT_EYE, RIGHT_EAR), new Edge(NOSE, LEFT_SHOULDER), new Edge(NOSE, RIGHT_SHOULDER),
            new Edge(LEFT_SHOULDER, LEFT_ELBOW), new Edge(LEFT_ELBOW, LEFT_WRIST),
            new Edge(RIGHT_SHOULDER, RIGHT_ELBOW), new Edge(RIGHT_ELBOW, RIGHT_WRIST),
            new Edge(LEFT_SHOULDER, RIGHT_SHOULDER), new Edge(LEFT_SHOULDER, LEFT_HIP),
            new Edge(RIGHT_SHOULDER, RIGHT_HIP), new Edge(LEFT_HIP, RIGHT_HIP), new Edge(LEFT_HIP, LEFT_KNEE),
            new Edge(LEFT_KNEE, LEFT_ANKLE), new Edge(RIGHT_HIP, RIGHT_KNEE), new Edge(RIGHT_KNEE, RIGHT_ANKLE));

    private final String label;

    BodyPart(String label) {
        this.label = label;
    }

    /** Snake-case name as in the JSON contract and in the COCO/TensorFlow examples, e.g. {@code left_wrist}. */
    public String label() {
        return label;
    }

    /** The keypoint at the given model output index (0 = nose … 16 = right_ankle). */
    public static BodyPart ofIndex(int index) {
        return BY_INDEX[index];
    }

    /** One bone of the skeleton. */
    public record Edge(BodyPart from, BodyPart to) {
    }
}
