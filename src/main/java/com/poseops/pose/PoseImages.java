package com.poseops.pose;

import com.poseops.platform.SkeletonStyle;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Server-side pictures of an upload (java2d): the history thumbnail and the annotated PNG. The skeleton is drawn the
 * way {@code <pose-overlay>} draws it — same colours ({@link SkeletonStyle}), same sizes, same threshold rule
 * ({@code score >= threshold}) — on the image turned upright by its EXIF orientation, the frame the keypoints are in.
 */
public final class PoseImages {

    static final int THUMBNAIL_SIZE = 160;

    private PoseImages() {
    }

    /** A JPEG at most {@value #THUMBNAIL_SIZE} px on its longer side, upright, alpha flattened on white. */
    public static byte[] thumbnailJpeg(byte[] image, int orientation) throws IOException {
        BufferedImage source = upright(read(image, THUMBNAIL_SIZE * 2).image(), orientation);
        double scale = Math.min(1.0, (double) THUMBNAIL_SIZE / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return encode(thumbnail, "jpg");
    }

    /**
     * A thumbnail like {@link #thumbnailJpeg} with the keypoints scoring at least {@code threshold} and their edges
     * drawn on it (e.g. a captured request on the Monitoring page).
     *
     * @param frame the size of the upright image the keypoints are in (the prediction's {@code image})
     */
    public static byte[] annotatedThumbnailJpeg(byte[] image, int orientation, PoseResult.Image frame,
            List<PoseResult.Keypoint> keypoints, double threshold) throws IOException {
        BufferedImage source = upright(read(image, THUMBNAIL_SIZE * 2).image(), orientation);
        double scale = Math.min(1.0, (double) THUMBNAIL_SIZE / Math.max(frame.width(), frame.height()));
        int width = Math.max(1, (int) Math.round(frame.width() * scale));
        int height = Math.max(1, (int) Math.round(frame.height() * scale));
        BufferedImage thumbnail = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumbnail.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(source, 0, 0, width, height, null);
            g.scale((double) width / frame.width(), (double) height / frame.height());
            drawSkeleton(g, frame.width(), frame.height(), keypoints, threshold);
        } finally {
            g.dispose();
        }
        return encode(thumbnail, "jpg");
    }

    /**
     * The upright image with the keypoints scoring at least {@code threshold} and their edges: at the image's size up
     * to {@value #MAX_ANNOTATED_SIDE} px on its longer side, scaled down beyond that. The image is decoded subsampled
     * to about that size (never at 40 megapixels), so memory stays that of a {@value #MAX_ANNOTATED_SIDE} px picture.
     *
     * @param keypoints in pixels of the upright original image, as the endpoint gave them
     */
    public static byte[] annotatedPng(byte[] image, int orientation, List<PoseResult.Keypoint> keypoints,
            double threshold) throws IOException {
        Decoded decoded = read(image, MAX_ANNOTATED_SIDE);
        BufferedImage source = upright(decoded.image(), orientation);
        boolean turned = orientation >= 5 && orientation <= 8;
        int originalWidth = turned ? decoded.originalHeight() : decoded.originalWidth();
        int originalHeight = turned ? decoded.originalWidth() : decoded.originalHeight();
        double scale = Math.min(1.0, (double) MAX_ANNOTATED_SIDE / Math.max(originalWidth, originalHeight));
        int width = Math.max(1, (int) Math.round(originalWidth * scale));
        int height = Math.max(1, (int) Math.round(originalHeight * scale));
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setComposite(AlphaComposite.Src);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, null);
            g.setComposite(AlphaComposite.SrcOver);
            drawSkeleton(g, width, height, scaled(keypoints, (double) width / originalWidth,
                    (double) height / originalHeight), threshold);
        } finally {
            g.dispose();
        }
        return encode(canvas, "png");
    }

    /** The longest side, in pixels, of an annotated PNG (about 4 megapixels at 3:2). */
    public static final int MAX_ANNOTATED_SIDE = 2048;

    private static List<PoseResult.Keypoint> scaled(List<PoseResult.Keypoint> keypoints, double sx, double sy) {
        if (sx == 1.0 && sy == 1.0) {
            return keypoints;
        }
        return keypoints.stream().map(k -> new PoseResult.Keypoint(k.name(), k.x() * sx, k.y() * sy, k.score()))
                .toList();
    }

    /** Draws edges first, then points, like the overlay's SVG. */
    static void drawSkeleton(Graphics2D g, int width, int height, List<PoseResult.Keypoint> keypoints,
            double threshold) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double radius = Math.max(3, Math.round(Math.max(width, height) / 120.0));
        float stroke = (float) Math.max(2, Math.round(radius * 0.6));
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] edge : SkeletonStyle.EDGES) {
            if (visible(keypoints, edge[0], threshold) && visible(keypoints, edge[1], threshold)) {
                PoseResult.Keypoint a = keypoints.get(edge[0]);
                PoseResult.Keypoint b = keypoints.get(edge[1]);
                g.setColor(SkeletonStyle.ofEdge(edge[0], edge[1]).color());
                g.draw(new Line2D.Double(a.x(), a.y(), b.x(), b.y()));
            }
        }
        g.setStroke(new BasicStroke((float) Math.max(1, radius / 3)));
        for (int i = 0; i < keypoints.size(); i++) {
            if (!visible(keypoints, i, threshold)) {
                continue;
            }
            PoseResult.Keypoint k = keypoints.get(i);
            Ellipse2D dot = new Ellipse2D.Double(k.x() - radius, k.y() - radius, 2 * radius, 2 * radius);
            g.setColor(SkeletonStyle.ofKeypoint(i).color());
            g.fill(dot);
            g.setColor(Color.WHITE);
            g.draw(dot);
        }
    }

    static boolean visible(List<PoseResult.Keypoint> keypoints, int index, double threshold) {
        return index < keypoints.size() && keypoints.get(index).score() >= threshold;
    }

    /** A decoded picture and the size of the image it was decoded from (as stored, before EXIF orientation). */
    record Decoded(BufferedImage image, int originalWidth, int originalHeight) {
    }

    /**
     * Decodes a JPEG or PNG, subsampled while decoding (every n-th pixel of every n-th row) so that the longer side
     * is still at least {@code targetSize}: the reader never holds the full-size picture.
     */
    static Decoded read(byte[] image, int targetSize) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / targetSize);
                param.setSourceSubsampling(step, step, 0, 0);
                return new Decoded(reader.read(0, param), width, height);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Turns stored pixels upright by EXIF orientation 1..8 (1 = as stored). */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        // x' = m00·x + m01·y + m02, y' = m10·x + m11·y + m12
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            default -> new AffineTransform(0, -1, 1, 0, 0, w);
        };
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no " + format + " writer");
        }
        return out.toByteArray();
    }
}
