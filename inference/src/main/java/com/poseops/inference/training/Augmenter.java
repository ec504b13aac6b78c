package com.poseops.inference.training;

import com.poseops.inference.BodyPart;
import com.poseops.inference.labels.LabelledPose;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.SplittableRandom;

/**
 * Random views of a labelled image: rotation, scale, shift and horizontal flip (one affine transform, black where the
 * view leaves the image) and colour jitter (brightness, contrast, saturation); the truth keypoints go through the same
 * transform. A flip mirrors the person, so left and right labels swap. Keypoints that leave the view are no longer
 * labelled in it.
 */
final class Augmenter {

    /** A view and its truth. */
    record View(BufferedImage image, LabelledPose truth) {
    }

    private static final double MIN_SCALE = 0.75;
    private static final double MAX_SCALE = 1.3;
    private static final double MAX_SHIFT = 0.1;
    private static final double COLOUR_JITTER = 0.3;

    private final double maxRotationRadians;

    Augmenter(double maxRotationDegrees) {
        this.maxRotationRadians = Math.toRadians(maxRotationDegrees);
    }

    View augment(BufferedImage image, LabelledPose truth, SplittableRandom random) {
        int w = image.getWidth();
        int h = image.getHeight();
        double angle = (random.nextDouble() * 2 - 1) * maxRotationRadians;
        double scale = Math.exp(Math.log(MIN_SCALE) + random.nextDouble() * (Math.log(MAX_SCALE) - Math.log(MIN_SCALE)));
        double shiftX = (random.nextDouble() * 2 - 1) * MAX_SHIFT * w;
        double shiftY = (random.nextDouble() * 2 - 1) * MAX_SHIFT * h;
        boolean flip = random.nextBoolean();

        AffineTransform transform = new AffineTransform();
        transform.translate(w / 2.0 + shiftX, h / 2.0 + shiftY);
        transform.rotate(angle);
        transform.scale(flip ? -scale : scale, scale);
        transform.translate(-w / 2.0, -h / 2.0);

        BufferedImage view = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = view.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, transform, null);
        } finally {
            g.dispose();
        }
        jitterColours(view, 1 + (random.nextDouble() * 2 - 1) * COLOUR_JITTER,
                1 + (random.nextDouble() * 2 - 1) * COLOUR_JITTER, 1 + (random.nextDouble() * 2 - 1) * COLOUR_JITTER);
        return new View(view, transform(truth, transform, flip, w, h));
    }

    /** The truth as the view shows it: transformed, left/right swapped after a flip, points outside dropped. */
    static LabelledPose transform(LabelledPose truth, AffineTransform transform, boolean flip, int w, int h) {
        double[] x = new double[BodyPart.COUNT];
        double[] y = new double[BodyPart.COUNT];
        boolean[] labelled = new boolean[BodyPart.COUNT];
        for (int k = 0; k < BodyPart.COUNT; k++) {
            int source = flip ? mirrored(k) : k;
            if (!truth.labelled()[source]) {
                continue;
            }
            Point2D p = transform.transform(new Point2D.Double(truth.x()[source], truth.y()[source]), null);
            if (p.getX() < 0 || p.getY() < 0 || p.getX() > w || p.getY() > h) {
                continue;
            }
            x[k] = p.getX();
            y[k] = p.getY();
            labelled[k] = true;
        }
        return new LabelledPose(truth.image(), x, y, labelled);
    }

    /** The keypoint that a mirror image shows in place of {@code k}: nose stays, left and right swap. */
    static int mirrored(int k) {
        if (k == 0) {
            return 0;
        }
        return k % 2 == 1 ? k + 1 : k - 1;
    }

    /** Brightness and contrast scale around the image's mean grey; saturation mixes each pixel with its grey. */
    private static void jitterColours(BufferedImage image, double brightness, double contrast, double saturation) {
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        double mean = 0;
        for (int i = 0; i + 2 < data.length; i += 3) {
            mean += grey(data[i] & 0xFF, data[i + 1] & 0xFF, data[i + 2] & 0xFF);
        }
        mean /= Math.max(1, data.length / 3);
        for (int i = 0; i + 2 < data.length; i += 3) {
            double b = data[i] & 0xFF;
            double gr = data[i + 1] & 0xFF;
            double r = data[i + 2] & 0xFF;
            double grey = grey(b, gr, r);
            data[i] = clamp(((grey + saturation * (b - grey)) - mean) * contrast * brightness + mean * brightness);
            data[i + 1] = clamp(((grey + saturation * (gr - grey)) - mean) * contrast * brightness + mean * brightness);
            data[i + 2] = clamp(((grey + saturation * (r - grey)) - mean) * contrast * brightness + mean * brightness);
        }
    }

    private static double grey(double b, double g, double r) {
        return 0.114 * b + 0.587 * g + 0.299 * r;
    }

    private static byte clamp(double value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
