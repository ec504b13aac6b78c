package com.poseops.inference.image;

/**
 * A square region of the image as displayed, in original pixels, that is resized to the model input (MoveNet's
 * "crop region"). It may reach beyond the image: that part is black in the model input, like the letterbox padding.
 *
 * @param x    left edge
 * @param y    top edge
 * @param size side length, positive
 */
public record CropRegion(double x, double y, double size) {

    public CropRegion {
        if (!(size > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(size)) {
            throw new IllegalArgumentException("invalid crop region " + x + "," + y + " size " + size);
        }
    }

    /** The letterbox of a width × height image: the square of side max(width, height) centred on the image. */
    public static CropRegion letterbox(int width, int height) {
        int side = Math.max(width, height);
        return new CropRegion((width - side) / 2.0, (height - side) / 2.0, side);
    }
}
