package com.poseops.inference.labels;

import com.poseops.inference.ErrorCode;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.image.ExifOrientation;
import com.poseops.inference.image.ImageHeader;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Decodes a labelled image into RGB pixels as it is displayed: JPEG and PNG with their EXIF orientation applied (the
 * frame the endpoint's keypoints and the labels refer to), and BMP as stored. For training and for checking datasets;
 * the inference server has its own faster decoding path.
 */
public final class UprightImage {

    /** Image files this reader accepts, by extension. */
    public static boolean isImageFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png") || lower.endsWith(".bmp");
    }

    private UprightImage() {
    }

    /**
     * @param maxPixels larger images (by their header) are refused before decoding
     * @throws ImageRejectedException when the bytes are not a readable JPEG, PNG or BMP (the message says why)
     */
    public static BufferedImage decode(byte[] bytes, long maxPixels) throws ImageRejectedException {
        int orientation = 1;
        boolean bmp = bytes.length >= 2 && bytes[0] == 'B' && bytes[1] == 'M';
        if (!bmp) {
            ImageHeader header = ImageHeader.read(bytes, bytes.length, maxPixels);
            orientation = header.orientation();
        }
        BufferedImage stored;
        try {
            stored = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The image could not be decoded ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ").", e);
        }
        if (stored == null) {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The file is not a JPEG, PNG or BMP image.");
        }
        if ((long) stored.getWidth() * stored.getHeight() > maxPixels) {
            throw new ImageRejectedException(ErrorCode.IMAGE_TOO_LARGE, "The image has " + stored.getWidth() + "×"
                    + stored.getHeight() + " pixels; at most " + maxPixels + " are accepted.");
        }
        return upright(rgb(stored), orientation);
    }

    /** A copy as 3-byte BGR (alpha dropped the way the server drops it: colour channels as stored). */
    static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                copy.setRGB(x, y, image.getRGB(x, y) | 0xFF000000);
            }
        }
        return copy;
    }

    /** Turns stored pixels upright for EXIF orientation 1..8. */
    static BufferedImage upright(BufferedImage stored, int orientation) {
        if (orientation == 1) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = ExifOrientation.swapsAxes(orientation);
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        // Maps a stored pixel (sx, sy) to its displayed position.
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            case 8 -> t.setTransform(0, -1, 1, 0, 0, w);
            default -> {
                return stored;
            }
        }
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(stored, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
