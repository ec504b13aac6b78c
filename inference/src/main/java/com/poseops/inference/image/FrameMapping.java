package com.poseops.inference.image;

/**
 * Maps a point of the model input (normalised 0..1, as MoveNet outputs it) back to pixel coordinates of the original
 * image as displayed: undoes the letterbox or crop (padding, offset and scale) and the reduced-resolution decode, and
 * clamps to the image. Coordinates are continuous: pixel column i covers [i, i + 1).
 *
 * @param xPerUnit original pixels per unit of normalised model x
 * @param xAtZero  original x of normalised model x = 0
 * @param yPerUnit original pixels per unit of normalised model y
 * @param yAtZero  original y of normalised model y = 0
 */
public record FrameMapping(double xPerUnit, double xAtZero, double yPerUnit, double yAtZero,
                           int originalWidth, int originalHeight) {

    /**
     * Decoded-to-original mapping along one displayed axis: decoded coordinate {@code u} (continuous) is original
     * coordinate {@code u * scale + shift}.
     */
    public record Axis(double scale, double shift) {
        double toOriginal(double decoded) {
            return decoded * scale + shift;
        }

        double toDecoded(double original) {
            return (original - shift) / scale;
        }
    }

    /** Original x of a normalised model x. */
    public double originalX(double normalisedX) {
        return clamp(normalisedX * xPerUnit + xAtZero, originalWidth);
    }

    /** Original y of a normalised model y. */
    public double originalY(double normalisedY) {
        return clamp(normalisedY * yPerUnit + yAtZero, originalHeight);
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
