package com.poseops.inference.image;

/**
 * Pixels of a decoded image plus what is needed to map coordinates back to the original file.
 *
 * @param pixels        the decoded (possibly subsampled) pixels, in stored orientation
 * @param storedWidth   width of the full-resolution image as stored in the file
 * @param storedHeight  height as stored
 * @param subsampling   which stored pixels were decoded
 * @param orientation   EXIF orientation 1..8 to apply
 */
public record DecodedImage(PixelSource pixels, int storedWidth, int storedHeight, Subsampling subsampling,
                           int orientation) {

    /** An already decoded image at full resolution, displayed as stored. */
    public static DecodedImage upright(PixelSource pixels) {
        return new DecodedImage(pixels, pixels.width(), pixels.height(), Subsampling.NONE, 1);
    }

    /** Width of the original as displayed. */
    public int orientedWidth() {
        return ExifOrientation.swapsAxes(orientation) ? storedHeight : storedWidth;
    }

    /** Height of the original as displayed. */
    public int orientedHeight() {
        return ExifOrientation.swapsAxes(orientation) ? storedWidth : storedHeight;
    }
}
