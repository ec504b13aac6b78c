package com.poseops.inference.image;

import com.poseops.inference.ErrorCode;
import com.poseops.inference.ImageRejectedException;
import org.jspecify.annotations.Nullable;

import java.util.Locale;

/**
 * JPEG decoding with TurboJPEG at 1/1, 1/2, 1/4 or 1/8 scale: the scaled IDCT produces the smaller image directly (an
 * 8×8 block becomes 4×4, 2×2 or 1×1 pixels), which is both faster and a proper area average, unlike point
 * subsampling. Grey and RGB/YCbCr files decode straight to the pixels the resampler reads; CMYK/YCCK files to CMYK,
 * converted here. Not thread-safe.
 */
final class TurboJpegDecoder implements AutoCloseable {

    private static final int MAX_DENOMINATOR = 8;

    private final TurboJpeg.Session session;

    TurboJpegDecoder(TurboJpeg.Session session) {
        this.session = session;
    }

    /**
     * Decodes at the largest power-of-two reduction ≤ {@code maxStep} (and ≤ 8).
     *
     * @return the image, or null when TurboJPEG cannot read the file at all (the caller then tries ImageIO, which
     * words the refusal the same way for both decoders)
     * @throws ImageRejectedException for a truncated file or one with too many progressive scans
     */
    @Nullable DecodedImage decode(byte[] data, int length, ImageHeader header, int maxStep)
            throws ImageRejectedException {
        int denominator = 1;
        while (denominator * 2 <= Math.min(maxStep, MAX_DENOMINATOR)) {
            denominator *= 2;
        }
        int width = (header.width() + denominator - 1) / denominator;
        int height = (header.height() + denominator - 1) / denominator;
        int components = header.components();
        int format = components == 1 ? TurboJpeg.PIXEL_FORMAT_GRAY
                : components == 4 ? TurboJpeg.PIXEL_FORMAT_CMYK : TurboJpeg.PIXEL_FORMAT_RGB;
        int bytesPerPixel = components == 1 ? 1 : components == 4 ? 4 : 3;
        try {
            int[] declared = session.load(data, length);
            if (declared[0] != header.width() || declared[1] != header.height()) {
                return null; // our header reader and libjpeg disagree: let ImageIO judge the file
            }
            byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(width, height), bytesPerPixel)];
            session.decompress(width, height, format, pixels);
            PixelSource source = switch (bytesPerPixel) {
                case 1 -> new PixelSource(pixels, 0, width, height, 1, width, 0, 0, 0);
                case 4 -> cmykToRgb(pixels, width, height);
                default -> new PixelSource(pixels, 0, width, height, 3, width * 3, 0, 1, 2);
            };
            return new DecodedImage(source, header.width(), header.height(), Subsampling.dctScaled(denominator),
                    header.orientation());
        } catch (TurboJpeg.Failure e) {
            if (e.truncated()) {
                throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The JPEG is truncated: the file ends "
                        + "before all of its image data. Send the complete file.");
            }
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.toLowerCase(Locale.ROOT).contains("scans")) {
                throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The progressive JPEG has an unreasonable "
                        + "number of scans (" + message + "). Re-save it as a standard JPEG.");
            }
            return null;
        }
    }

    /**
     * CMYK as Adobe applications store it in JPEG (inverted: 255 = no ink) to RGB with the naive formula
     * R = C·K/255 (no colour profile; MoveNet needs plausible colours, not a colour-managed print preview).
     */
    private static PixelSource cmykToRgb(byte[] cmyk, int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int i = 0, o = 0; i < cmyk.length; i += 4, o += 3) {
            int k = cmyk[i + 3] & 0xFF;
            rgb[o] = (byte) (((cmyk[i] & 0xFF) * k + 127) / 255);
            rgb[o + 1] = (byte) (((cmyk[i + 1] & 0xFF) * k + 127) / 255);
            rgb[o + 2] = (byte) (((cmyk[i + 2] & 0xFF) * k + 127) / 255);
        }
        return new PixelSource(rgb, 0, width, height, 3, width * 3, 0, 1, 2);
    }

    @Override
    public void close() {
        session.close();
    }
}
