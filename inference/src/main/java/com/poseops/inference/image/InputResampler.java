package com.poseops.inference.image;

import com.poseops.inference.Preprocessing;
import com.poseops.inference.engine.InputType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes the S×S×3 model input in one pass: EXIF orientation, letterbox / stretch / crop region and bilinear
 * resampling (half-pixel centres, no antialiasing, like {@code tf.image.resize}) straight from the decoded pixels,
 * without building an intermediate rotated or resized image. Not thread-safe: one per worker (it reuses its buffers).
 */
public final class InputResampler {

    /** Bilinear weights in fixed point: 8 fractional bits. */
    private static final int ONE = 256;

    private final int size;
    private final byte[] staging;
    private final double[] positions;
    private final int[] columnOffset0;
    private final int[] columnOffset1;
    private final int[] columnWeight;
    private final int[] rowOffset0;
    private final int[] rowOffset1;
    private final int[] rowWeight;

    public InputResampler(int modelSize) {
        this.size = modelSize;
        this.staging = new byte[modelSize * modelSize * 3];
        this.positions = new double[modelSize];
        this.columnOffset0 = new int[modelSize];
        this.columnOffset1 = new int[modelSize];
        this.columnWeight = new int[modelSize];
        this.rowOffset0 = new int[modelSize];
        this.rowOffset1 = new int[modelSize];
        this.rowWeight = new int[modelSize];
    }

    /**
     * Fills {@code target} (position 0, capacity S×S×3 values of {@code type}) with the whole image, letterboxed or
     * stretched, and returns how to map model coordinates back to the original image.
     */
    public FrameMapping resample(DecodedImage image, Preprocessing mode, ByteBuffer target, InputType type) {
        Geometry g = new Geometry(image);
        int resizedW;
        int resizedH;
        if (mode == Preprocessing.LETTERBOX) {
            double scale = Math.min((double) size / g.ow, (double) size / g.oh);
            resizedW = clamp((int) Math.round(g.ow * scale), 1, size);
            resizedH = clamp((int) Math.round(g.oh * scale), 1, size);
        } else {
            resizedW = size;
            resizedH = size;
        }
        int padX = (size - resizedW) / 2;
        int padY = (size - resizedH) / 2;
        double scaleX = (double) resizedW / g.ow;
        double scaleY = (double) resizedH / g.oh;
        for (int j = 0; j < resizedW; j++) {
            positions[padX + j] = (j + 0.5) / scaleX - 0.5;   // half-pixel centres
        }
        fillTaps(padX, padX + resizedW, g.ow, g.mirrorX, g.strideAlongX, columnOffset0, columnOffset1, columnWeight);
        for (int i = 0; i < resizedH; i++) {
            positions[padY + i] = (i + 0.5) / scaleY - 0.5;
        }
        fillTaps(padY, padY + resizedH, g.oh, g.mirrorY, g.strideAlongY, rowOffset0, rowOffset1, rowWeight);
        fill(image.pixels(), padY, padY + resizedH, padX, padX + resizedW, target, type);

        // Model x (normalised) → decoded x: (nx·S − padX) / scaleX; decoded → original through the axis mapping.
        return new FrameMapping(size / scaleX * g.axisX.scale(), g.axisX.toOriginal(-padX / scaleX),
                size / scaleY * g.axisY.scale(), g.axisY.toOriginal(-padY / scaleY),
                image.orientedWidth(), image.orientedHeight());
    }

    /**
     * Fills {@code target} with the square {@code region} of the image as displayed (original pixel coordinates),
     * resized to S×S; what lies outside the image is black (like {@code tf.image.crop_and_resize} with extrapolation
     * value 0). Returns how to map model coordinates back to the original image.
     */
    public FrameMapping resampleRegion(DecodedImage image, CropRegion region, ByteBuffer target, InputType type) {
        Geometry g = new Geometry(image);
        double step = region.size() / size;
        int[] columns = regionTaps(region.x(), step, g.axisX, g.ow, g.mirrorX, g.strideAlongX, columnOffset0,
                columnOffset1, columnWeight);
        int[] rows = regionTaps(region.y(), step, g.axisY, g.oh, g.mirrorY, g.strideAlongY, rowOffset0, rowOffset1,
                rowWeight);
        fill(image.pixels(), rows[0], rows[1], columns[0], columns[1], target, type);
        return new FrameMapping(region.size(), region.x(), region.size(), region.y(), image.orientedWidth(),
                image.orientedHeight());
    }

    /** Taps for output samples at original {@code start + (j + 0.5)·step}; returns the range [first, end) inside. */
    private int[] regionTaps(double start, double step, FrameMapping.Axis axis, int decodedLength, boolean mirror,
                             int stride, int[] offset0, int[] offset1, int[] weight) {
        int first = size;
        int end = 0;
        for (int j = 0; j < size; j++) {
            double p = axis.toDecoded(start + (j + 0.5) * step) - 0.5;   // decoded pixel index, centres at integers
            if (p >= -0.5 && p <= decodedLength - 0.5) {
                positions[j] = p;
                first = Math.min(first, j);
                end = j + 1;
            }
        }
        if (first >= end) {
            return new int[] {0, 0};
        }
        fillTaps(first, end, decodedLength, mirror, stride, offset0, offset1, weight);
        return new int[] {first, end};
    }

    /**
     * For output indices [from, to) along one displayed axis, with the decoded position of each in
     * {@link #positions}: the two source taps (as array offsets) and the weight of the second, in fixed point.
     */
    private void fillTaps(int from, int to, int sourceLength, boolean mirror, int stride, int[] offset0,
                          int[] offset1, int[] weight) {
        int last = sourceLength - 1;
        for (int j = from; j < to; j++) {
            double p = positions[j];
            p = p < 0 ? 0 : Math.min(p, last);
            if (mirror) {
                p = last - p;
            }
            int i0 = (int) p;
            int i1 = Math.min(i0 + 1, last);
            offset0[j] = i0 * stride;
            offset1[j] = i1 * stride;
            weight[j] = (int) Math.round((p - i0) * ONE);
        }
    }

    /** Bilinear samples for output rows [rowFrom, rowTo) × columns [colFrom, colTo); black elsewhere. */
    private void fill(PixelSource src, int rowFrom, int rowTo, int colFrom, int colTo, ByteBuffer target,
                      InputType type) {
        Arrays.fill(staging, (byte) 0);
        byte[] data = src.data();
        int base = src.base();
        int offR = src.redOffset();
        int offG = src.greenOffset();
        int offB = src.blueOffset();
        for (int i = rowFrom; i < rowTo; i++) {
            int r0 = base + rowOffset0[i];
            int r1 = base + rowOffset1[i];
            int wy = rowWeight[i];
            int out = (i * size + colFrom) * 3;
            for (int j = colFrom; j < colTo; j++, out += 3) {
                int c0 = columnOffset0[j];
                int c1 = columnOffset1[j];
                int wx = columnWeight[j];
                int p00 = r0 + c0;
                int p01 = r0 + c1;
                int p10 = r1 + c0;
                int p11 = r1 + c1;
                staging[out] = (byte) lerp(data, p00 + offR, p01 + offR, p10 + offR, p11 + offR, wx, wy);
                staging[out + 1] = (byte) lerp(data, p00 + offG, p01 + offG, p10 + offG, p11 + offG, wx, wy);
                staging[out + 2] = (byte) lerp(data, p00 + offB, p01 + offB, p10 + offB, p11 + offB, wx, wy);
            }
        }
        write(target, type);
    }

    private static int lerp(byte[] d, int a, int b, int c, int e, int wx, int wy) {
        int top = (d[a] & 0xFF) * (ONE - wx) + (d[b] & 0xFF) * wx;
        int bottom = (d[c] & 0xFF) * (ONE - wx) + (d[e] & 0xFF) * wx;
        return (top * (ONE - wy) + bottom * wy + (ONE * ONE / 2)) >> 16;
    }

    private void write(ByteBuffer target, InputType type) {
        target.clear();
        switch (type) {
            case UINT8 -> target.put(staging);
            case INT32 -> {
                for (byte b : staging) {
                    target.putInt(b & 0xFF);
                }
            }
            case FLOAT32 -> {
                for (byte b : staging) {
                    target.putFloat(b & 0xFF);
                }
            }
        }
        target.flip();
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    /** The decoded pixels seen along the displayed axes. */
    private static final class Geometry {
        final int ow;
        final int oh;
        final boolean mirrorX;
        final boolean mirrorY;
        final int strideAlongX;
        final int strideAlongY;
        final FrameMapping.Axis axisX;
        final FrameMapping.Axis axisY;

        Geometry(DecodedImage image) {
            PixelSource src = image.pixels();
            int orientation = image.orientation();
            boolean transposed = ExifOrientation.swapsAxes(orientation);
            // Displayed (oriented) size of the decoded pixels.
            ow = transposed ? src.height() : src.width();
            oh = transposed ? src.width() : src.height();
            // Displayed x runs along stored x (orientations 1–4) or stored y (5–8); mirrored for 2,3,6,7.
            mirrorX = ExifOrientation.mirrorsX(orientation);
            mirrorY = ExifOrientation.mirrorsY(orientation);
            strideAlongX = transposed ? src.scanlineStride() : src.pixelStride();
            strideAlongY = transposed ? src.pixelStride() : src.scanlineStride();
            // Displayed axes ← stored axes (swapped for orientations 5–8).
            Subsampling sub = image.subsampling();
            int stepX = transposed ? sub.stepY() : sub.stepX();
            int stepY = transposed ? sub.stepX() : sub.stepY();
            int phaseX = transposed ? sub.offsetY() : sub.offsetX();
            int phaseY = transposed ? sub.offsetX() : sub.offsetY();
            axisX = axis(stepX, phaseX, mirrorX, image.orientedWidth(), ow, sub.areaAveraged());
            axisY = axis(stepY, phaseY, mirrorY, image.orientedHeight(), oh, sub.areaAveraged());
        }

        /**
         * Decoded → original along one displayed axis of {@code originalLength} pixels with {@code decodedLength}
         * decoded ones. Point sampling: decoded pixel i is stored pixel {@code phase + i·step}, i.e. displayed
         * {@code offset + i·step} with offset = phase, or {@code N-1-phase-(n-1)·step} when mirrored (0 either way
         * for {@link Subsampling#aligned} phases); its centre i + 0.5 maps to that pixel's centre. Area averaging:
         * decoded pixel i covers [i·step, (i+1)·step) of the stored axis; mirrored, the partial last pixel comes
         * first, which shifts the displayed grid by N − n·step.
         */
        private static FrameMapping.Axis axis(int step, int phase, boolean mirrored, int originalLength,
                                              int decodedLength, boolean areaAveraged) {
            if (areaAveraged) {
                return new FrameMapping.Axis(step, mirrored ? originalLength - (double) decodedLength * step : 0);
            }
            int offset = mirrored ? (originalLength - 1) - phase - (decodedLength - 1) * step : phase;
            return new FrameMapping.Axis(step, 0.5 - 0.5 * step + offset);
        }
    }
}
