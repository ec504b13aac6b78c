package com.poseops.inference.image;

/**
 * Reduced-resolution decoding along the stored axes, in one of two ways:
 * <ul>
 * <li>point sampling (ImageIO source subsampling): keep stored columns {@code offsetX, offsetX + stepX, …} and rows
 * {@code offsetY, offsetY + stepY, …}. The offsets are chosen so that the kept pixels are, <em>as displayed</em>,
 * always columns/rows 0, step, 2·step… whatever the EXIF orientation: an EXIF-rotated photo gives exactly the pixels
 * its upright copy would give.</li>
 * <li>{@linkplain #areaAveraged() area averaging} (TurboJPEG's DCT scaling by 1/step): decoded pixel i covers stored
 * pixels [i·step, (i+1)·step), the last one possibly only partly; offsets are 0.</li>
 * </ul>
 */
public record Subsampling(int stepX, int stepY, int offsetX, int offsetY, boolean areaAveraged) {

    public static final Subsampling NONE = new Subsampling(1, 1, 0, 0, false);

    public Subsampling {
        if (stepX < 1 || stepY < 1 || offsetX < 0 || offsetX >= stepX || offsetY < 0 || offsetY >= stepY
                || (areaAveraged && (offsetX != 0 || offsetY != 0))) {
            throw new IllegalArgumentException("invalid subsampling " + stepX + "x" + stepY + "+" + offsetX + "+"
                    + offsetY + (areaAveraged ? " (area)" : ""));
        }
    }

    /** Point sampling. */
    public Subsampling(int stepX, int stepY, int offsetX, int offsetY) {
        this(stepX, stepY, offsetX, offsetY, false);
    }

    /** DCT scaling by 1/{@code denominator} on both axes. */
    public static Subsampling dctScaled(int denominator) {
        return denominator == 1 ? NONE : new Subsampling(denominator, denominator, 0, 0, true);
    }

    /**
     * Point-sampling steps for the stored axes, with offsets aligned to the displayed frame of {@code header}'s
     * orientation.
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
