package com.poseops.inference.image;

/**
 * Reduced-resolution decoding: keep stored columns {@code offsetX, offsetX + stepX, …} and rows
 * {@code offsetY, offsetY + stepY, …} (ImageIO source subsampling).
 *
 * <p>The offsets are chosen so that the kept pixels are, <em>as displayed</em>, always columns/rows 0, step, 2·step…
 * whatever the EXIF orientation. An EXIF-rotated photo then gives exactly the pixels its upright copy would give, and
 * mapping back to original coordinates is just a multiplication.
 */
public record Subsampling(int stepX, int stepY, int offsetX, int offsetY) {

    public static final Subsampling NONE = new Subsampling(1, 1, 0, 0);

    public Subsampling {
        if (stepX < 1 || stepY < 1 || offsetX < 0 || offsetX >= stepX || offsetY < 0 || offsetY >= stepY) {
            throw new IllegalArgumentException("invalid subsampling " + stepX + "x" + stepY + "+" + offsetX + "+"
                    + offsetY);
        }
    }

    /**
     * Steps for the stored axes, with offsets aligned to the displayed frame of {@code header}'s orientation.
     */
    public static Subsampling aligned(int stepX, int stepY, ImageHeader header) {
        int orientation = header.orientation();
        // Stored x is displayed x for orientations 1–4 and displayed y for 5–8 (and stored y the other one).
        boolean transposed = ExifOrientation.swapsAxes(orientation);
        boolean storedXMirrored = transposed ? ExifOrientation.mirrorsY(orientation)
                : ExifOrientation.mirrorsX(orientation);
        boolean storedYMirrored = transposed ? ExifOrientation.mirrorsX(orientation)
                : ExifOrientation.mirrorsY(orientation);
        // A mirrored axis is read from its far end when displayed: keep the pixels at N-1, N-1-step, …
        int offsetX = storedXMirrored ? (header.width() - 1) % stepX : 0;
        int offsetY = storedYMirrored ? (header.height() - 1) % stepY : 0;
        return new Subsampling(stepX, stepY, offsetX, offsetY);
    }

    public boolean reduces() {
        return stepX > 1 || stepY > 1;
    }

    /** Number of decoded pixels along a stored axis of {@code length} pixels. */
    static int decodedLength(int length, int step, int offset) {
        return (length - offset + step - 1) / step;
    }
}
