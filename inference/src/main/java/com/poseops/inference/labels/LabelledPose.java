package com.poseops.inference.labels;

import com.poseops.inference.BodyPart;
import java.util.Arrays;

/**
 * The true keypoints of one image, in pixels of the image as displayed (after EXIF orientation), COCO order.
 *
 * @param image    the image's file name, as the label file names it
 * @param x        17 horizontal coordinates (ignored where not labelled)
 * @param y        17 vertical coordinates
 * @param labelled which of the 17 keypoints the label file gives (COCO visibility 0 or an empty CSV cell: not given)
 */
public record LabelledPose(String image, double[] x, double[] y, boolean[] labelled) {

    public LabelledPose {
        if (x.length != BodyPart.COUNT || y.length != BodyPart.COUNT || labelled.length != BodyPart.COUNT) {
            throw new IllegalArgumentException("a pose has " + BodyPart.COUNT + " keypoints");
        }
        x = x.clone();
        y = y.clone();
        labelled = labelled.clone();
    }

    /** A pose with every keypoint labelled. */
    public static LabelledPose complete(String image, double[] x, double[] y) {
        boolean[] all = new boolean[BodyPart.COUNT];
        Arrays.fill(all, true);
        return new LabelledPose(image, x, y, all);
    }

    public boolean isLabelled(BodyPart part) {
        return labelled[part.ordinal()];
    }

    public double x(BodyPart part) {
        return x[part.ordinal()];
    }

    public double y(BodyPart part) {
        return y[part.ordinal()];
    }

    public int labelledCount() {
        int count = 0;
        for (boolean l : labelled) {
            count += l ? 1 : 0;
        }
        return count;
    }

    /** The same pose under another image name (e.g. after a folder was flattened). */
    public LabelledPose named(String newImage) {
        return new LabelledPose(newImage, x, y, labelled);
    }

    /** The first labelled keypoint outside {@code [0, width] × [0, height]}, or null when all are inside. */
    public @org.jspecify.annotations.Nullable BodyPart firstOutside(int width, int height) {
        for (BodyPart part : BodyPart.values()) {
            int k = part.ordinal();
            if (labelled[k] && (x[k] < 0 || y[k] < 0 || x[k] > width || y[k] > height)) {
                return part;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelledPose p && image.equals(p.image) && Arrays.equals(x, p.x)
                && Arrays.equals(y, p.y) && Arrays.equals(labelled, p.labelled);
    }

    @Override
    public int hashCode() {
        return image.hashCode() * 31 + Arrays.hashCode(x);
    }

    @Override
    public String toString() {
        return "LabelledPose[" + image + ", " + labelledCount() + " keypoints]";
    }
}
