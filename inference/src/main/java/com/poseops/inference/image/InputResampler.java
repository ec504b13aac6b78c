package com.poseops.inference.image;

import com.poseops.inference.Preprocessing;
import com.poseops.inference.engine.InputType;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes the S×S×3 model input in one pass: EXIF orientation, letterbox (or stretch) and bilinear resampling
 * (half-pixel centres, no antialiasing, like {@code tf.image.resize}) straight from the decoded pixels, without
 * building an intermediate rotated or resized image. Not thread-safe: one per worker (it reuses its buffers).
 */
public final class InputResampler {

    /** Bilinear weights in fixed point: 8 fractional bits. */
    private static final int ONE = 256;

    private final int size;
    private final byte[] staging;
    private final int[] columnOffset0;
    private final int[] columnOffset1;
    private final int[] columnWeight;
    private final int[] rowOffset0;
    private final int[] rowOffset1;
    private final int[] rowWeight;

    public InputResampler(int modelSize) {
        this.size = modelSize;
        this.staging = new byte[modelSize * modelSize * 3];
        this.columnOffset0 = new int[modelSize];
        this.columnOffset1 = new int[modelSize];
        this.columnWeight = new int[modelSize];
        this.rowOffset0 = new int[modelSize];
        this.rowOffset1 = new int[modelSize];
        this.rowWeight = new int[modelSize];
    }

    /**
     * Fills {@code target} (position 0, capacity S×S×3 values of {@code type}) and returns how to map model
     * coordinates back to the original image.
     */
    public FrameMapping resample(DecodedImage image, Preprocessing mode, ByteBuffer target, InputType type) {
        PixelSource src = image.pixels();
        int orientation = image.orientation();
        boolean transposed = ExifOrientation.swapsAxes(orientation);
        // Displayed (oriented) size of the decoded pixels.
        int ow = transposed ? src.height() : src.width();
        int oh = transposed ? src.width() : src.height();

        int resizedW;
        int resizedH;
        if (mode == Preprocessing.LETTERBOX) {
            double scale = Math.min((double) size / ow, (double) size / oh);
            resizedW = clamp((int) Math.round(ow * scale), 1, size);
            resizedH = clamp((int) Math.round(oh * scale), 1, size);
        } else {
            resizedW = size;
            resizedH = size;
        }
        int padX = (size - resizedW) / 2;
        int padY = (size - resizedH) / 2;
        double scaleX = (double) resizedW / ow;
        double scaleY = (double) resizedH / oh;

        // Displayed x runs along stored x (orientations 1–4) or stored y (5–8); mirrored for 2,3,6,7.
        boolean mirrorX = ExifOrientation.mirrorsX(orientation);
        boolean mirrorY = ExifOrientation.mirrorsY(orientation);
        int strideAlongX = transposed ? src.scanlineStride() : src.pixelStride();
        int strideAlongY = transposed ? src.pixelStride() : src.scanlineStride();
        fillTaps(resizedW, scaleX, ow, mirrorX, strideAlongX, columnOffset0, columnOffset1, columnWeight);
        fillTaps(resizedH, scaleY, oh, mirrorY, strideAlongY, rowOffset0, rowOffset1, rowWeight);

        Arrays.fill(staging, (byte) 0); // black padding
        byte[] data = src.data();
        int base = src.base();
        int offR = src.redOffset();
        int offG = src.greenOffset();
        int offB = src.blueOffset();
        for (int i = 0; i < resizedH; i++) {
            int r0 = base + rowOffset0[i];
            int r1 = base + rowOffset1[i];
            int wy = rowWeight[i];
            int out = ((i + padY) * size + padX) * 3;
            for (int j = 0; j < resizedW; j++, out += 3) {
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

        // Displayed axes ← stored axes (swapped for orientations 5–8).
        Subsampling sub = image.subsampling();
        int stepX = transposed ? sub.stepY() : sub.stepX();
        int stepY = transposed ? sub.stepX() : sub.stepY();
        int phaseX = transposed ? sub.offsetY() : sub.offsetX();
        int phaseY = transposed ? sub.offsetX() : sub.offsetY();
        int originalW = image.orientedWidth();
        int originalH = image.orientedHeight();
        return new FrameMapping(size, padX, padY, scaleX, scaleY,
                axis(stepX, phaseX, mirrorX, originalW, ow), axis(stepY, phaseY, mirrorY, originalH, oh),
                originalW, originalH);
    }

    /**
     * For each output index along one displayed axis: the two source taps (as array offsets) and the weight of the
     * second, in fixed point.
     */
    private static void fillTaps(int outputLength, double scale, int sourceLength, boolean mirror, int stride,
                                 int[] offset0, int[] offset1, int[] weight) {
        int last = sourceLength - 1;
        for (int j = 0; j < outputLength; j++) {
            double p = (j + 0.5) / scale - 0.5;   // half-pixel centres
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

    /**
     * Where decoded pixel index i of a displayed axis lies in the original: stored index {@code phase + i·step};
     * displayed mirrored, that is {@code N-1-phase-(n-1-i)·step}. With {@link Subsampling#aligned} phases the offset
     * is 0 either way.
     */
    private static FrameMapping.Axis axis(int step, int phase, boolean mirrored, int originalLength,
                                          int decodedLength) {
        int offset = mirrored ? (originalLength - 1) - phase - (decodedLength - 1) * step : phase;
        return new FrameMapping.Axis(step, offset);
    }

    private static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }
}
