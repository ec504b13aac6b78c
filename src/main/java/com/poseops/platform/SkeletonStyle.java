package com.poseops.platform;

import com.poseops.inference.BodyPart;
import java.awt.Color;
import java.util.List;

/**
 * How a skeleton is drawn, in one place for every overlay (Pose page, dataset browser) and the downloadable PNG: the
 * person's left side, right side and centre in distinct colours, the 18 COCO edges, and the default score threshold
 * (MoveNet's model card uses 0.3).
 */
public enum SkeletonStyle {
    LEFT(new Color(0x1e88e5)),
    RIGHT(new Color(0xf4511e)),
    CENTRE(new Color(0x43a047));

    public static final double DEFAULT_THRESHOLD = 0.3;

    /** COCO-17 skeleton edges by keypoint index: the inference server's {@link BodyPart#SKELETON}. */
    public static final List<int[]> EDGES = BodyPart.SKELETON.stream()
            .map(edge -> new int[] {edge.from().ordinal(), edge.to().ordinal()}).toList();

    private final Color color;

    SkeletonStyle(Color color) {
        this.color = color;
    }

    public Color color() {
        return color;
    }

    public String css() {
        return String.format("#%06x", color.getRGB() & 0xffffff);
    }

    /** Keypoint 0 (nose) is the centre; odd indices are the person's left, even ones the right. */
    public static SkeletonStyle ofKeypoint(int index) {
        if (index == 0) {
            return CENTRE;
        }
        return index % 2 == 1 ? LEFT : RIGHT;
    }

    public static SkeletonStyle ofEdge(int from, int to) {
        SkeletonStyle a = ofKeypoint(from);
        return a == ofKeypoint(to) ? a : CENTRE;
    }
}
