package com.poseops.pose;

import java.awt.Color;
import java.util.List;

/**
 * How a skeleton is drawn, in one place for the page overlay and the downloadable PNG: the person's left side, right
 * side and centre in distinct colours, the 18 COCO edges, and the default score threshold (MoveNet's model card
 * uses 0.3).
 */
public enum SkeletonStyle {
    LEFT(new Color(0x1e88e5)),
    RIGHT(new Color(0xf4511e)),
    CENTRE(new Color(0x43a047));

    public static final double DEFAULT_THRESHOLD = 0.3;

    /** COCO-17 skeleton edges by keypoint index. */
    public static final List<int[]> EDGES = List.of(
            new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 4}, new int[] {0, 5}, new int[] {0, 6},
            new int[] {5, 7}, new int[] {7, 9}, new int[] {6, 8}, new int[] {8, 10}, new int[] {5, 6},
            new int[] {5, 11}, new int[] {6, 12}, new int[] {11, 12}, new int[] {11, 13}, new int[] {13, 15},
            new int[] {12, 14}, new int[] {14, 16});

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
