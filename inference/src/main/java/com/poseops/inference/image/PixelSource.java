package com.poseops.inference.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import org.jspecify.annotations.Nullable;

/**
 * 8-bit RGB pixels addressed directly in a byte array: sample (x, y, channel) is at
 * {@code data[base + y * scanlineStride + x * pixelStride + offset[channel]]}. For the common decoder outputs (3-byte
 * BGR, 4-byte ABGR, 8-bit grey) this is the raster's own array, so no per-pixel {@code getRGB} call and no copy.
 * Alpha is ignored (the colour channels are used as stored, like {@code cv2.imread} and
 * {@code tf.io.decode_png(channels=3)}); grey is used as R = G = B.
 */
public record PixelSource(byte[] data, int base, int width, int height, int pixelStride, int scanlineStride,
                          int redOffset, int greenOffset, int blueOffset) {

    /** A view of the image's pixels; converts to packed RGB only for unusual layouts (palette, 16-bit, …). */
    public static PixelSource of(BufferedImage image) {
        PixelSource direct = directView(image);
        return direct != null ? direct : convertToPackedRgb(image);
    }

    private static @Nullable PixelSource directView(BufferedImage image) {
        Raster raster = image.getRaster();
        ColorModel colorModel = image.getColorModel();
        if (!(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1
                || !(raster.getSampleModel() instanceof ComponentSampleModel sampleModel)
                || !(colorModel instanceof ComponentColorModel)) {
            return null;
        }
        for (int size : colorModel.getComponentSize()) {
            if (size != 8) {
                return null;
            }
        }
        for (int bank : sampleModel.getBankIndices()) {
            if (bank != 0) {
                return null;
            }
        }
        int[] bands = sampleModel.getBandOffsets();
        int colorSpaceType = colorModel.getColorSpace().getType();
        int pixelStride = sampleModel.getPixelStride();
        int scanlineStride = sampleModel.getScanlineStride();
        int base = buffer.getOffset() - raster.getSampleModelTranslateY() * scanlineStride
                - raster.getSampleModelTranslateX() * pixelStride;
        if (colorSpaceType == ColorSpace.TYPE_RGB && bands.length >= 3) {
            return new PixelSource(buffer.getData(), base, image.getWidth(), image.getHeight(), pixelStride,
                    scanlineStride, bands[0], bands[1], bands[2]);
        }
        if (colorSpaceType == ColorSpace.TYPE_GRAY && bands.length >= 1) {
            return new PixelSource(buffer.getData(), base, image.getWidth(), image.getHeight(), pixelStride,
                    scanlineStride, bands[0], bands[0], bands[0]);
        }
        return null;
    }

    private static PixelSource convertToPackedRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        Raster raster = image.getRaster();
        ColorModel colorModel = image.getColorModel();
        int[] row = new int[width * Math.max(raster.getNumBands(), 1)];
        if (colorModel instanceof IndexColorModel palette) {
            int entries = palette.getMapSize();
            byte[] reds = new byte[entries];
            byte[] greens = new byte[entries];
            byte[] blues = new byte[entries];
            palette.getReds(reds);
            palette.getGreens(greens);
            palette.getBlues(blues);
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                    int index = Math.min(row[x], entries - 1);
                    rgb[o] = reds[index];
                    rgb[o + 1] = greens[index];
                    rgb[o + 2] = blues[index];
                }
            }
        } else if (colorModel instanceof ComponentColorModel
                && raster.getTransferType() != DataBuffer.TYPE_FLOAT
                && raster.getTransferType() != DataBuffer.TYPE_DOUBLE
                && (colorModel.getColorSpace().getType() == ColorSpace.TYPE_RGB
                || colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY)) {
            // e.g. 16-bit PNG: scale samples to 8 bits as stored (no colour-space conversion, like the 8-bit path).
            boolean grey = colorModel.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
            int bands = raster.getNumBands();
            int max = (1 << colorModel.getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                raster.getPixels(0, y, width, 1, row);
                for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                    int p = x * bands;
                    int r = row[p] * 255 / max;
                    rgb[o] = (byte) r;
                    rgb[o + 1] = (byte) (grey ? r : row[p + 1] * 255 / max);
                    rgb[o + 2] = (byte) (grey ? r : row[p + 2] * 255 / max);
                }
            }
        } else {
            int[] argb = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, argb, 0, width);
                for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
                    int p = argb[x];
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                }
            }
        }
        return new PixelSource(rgb, 0, width, height, 3, width * 3, 0, 1, 2);
    }
}
