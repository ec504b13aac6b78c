package com.poseops.inference.image;

/**
 * Maps a point of the model input (normalised 0..1, as MoveNet outputs it) back to pixel coordinates of the original
 * image as displayed: undoes the letterbox (padding and scale), the reduced-resolution decode and clamps to the image.
 * Coordinates are continuous: pixel column i covers [i, i + 1).
 */
public record FrameMapping(int modelSize, int padX, int padY, double scaleX, double scaleY,
                           Axis axisX, Axis axisY, int originalWidth, int originalHeight) {

    /**
     * Decoded-to-original mapping along one displayed axis: decoded pixel index {@code i} is original pixel index
     * {@code i * step + offset} (offset is non-zero only when a subsampled axis is mirrored by the EXIF orientation).
     */
    public record Axis(int step, int offset) {
        double toOriginal(double decoded) {
            return (decoded - 0.5) * step + 0.5 + offset;
        }
    }

    /** Original x of a normalised model x. */
    public double originalX(double normalisedX) {
        double decoded = (normalisedX * modelSize - padX) / scaleX;
        return clamp(axisX.toOriginal(decoded), originalWidth);
    }

    /** Original y of a normalised model y. */
    public double originalY(double normalisedY) {
        double decoded = (normalisedY * modelSize - padY) / scaleY;
        return clamp(axisY.toOriginal(decoded), originalHeight);
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
