package com.poseops.inference.image;

import com.poseops.inference.ImageRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a JPEG or PNG whose {@link ImageHeader} was already checked, at a reduced resolution when allowed: JPEG with
 * TurboJPEG (DCT scaling by 1/2, 1/4 or 1/8) where available, else ImageIO (source subsampling); PNG with ImageIO.
 * Not thread-safe: one per worker ({@link JpegDecoders#newDecoder()}). {@link #close()} frees native memory.
 */
public final class ImageDecoder implements AutoCloseable {

    private final @Nullable TurboJpegDecoder turboJpeg;
    private final ImageIoDecoder imageIo = new ImageIoDecoder();

    ImageDecoder(@Nullable TurboJpegDecoder turboJpeg) {
        this.turboJpeg = turboJpeg;
    }

    /** An ImageIO-only decoder (no native code). */
    public static ImageDecoder imageIo() {
        return new ImageDecoder(null);
    }

    /**
     * Decodes the image, reducing each stored axis by at most {@code maxStepX} / {@code maxStepY} (1 = full size).
     * TurboJPEG reduces both axes by the same power of two (≤ 8), ImageIO by exactly the given steps. The result says
     * which pixels it holds ({@link DecodedImage#subsampling()}).
     *
     * @throws ImageRejectedException {@code invalid_image} if the data is truncated or corrupt
     */
    public DecodedImage decode(byte[] data, int length, ImageHeader header, int maxStepX, int maxStepY)
            throws ImageRejectedException {
        if (header.format() == ImageFormat.JPEG && turboJpeg != null) {
            DecodedImage decoded = turboJpeg.decode(data, length, header, Math.min(maxStepX, maxStepY));
            if (decoded != null) {
                return decoded;
            }
            // TurboJPEG could not read it at all: ImageIO tries (and words the refusal if it cannot either).
        }
        Subsampling subsampling = maxStepX > 1 || maxStepY > 1
                ? Subsampling.aligned(Math.max(1, maxStepX), Math.max(1, maxStepY), header) : Subsampling.NONE;
        return imageIo.decode(data, length, header, subsampling);
    }

    @Override
    public void close() {
        if (turboJpeg != null) {
            turboJpeg.close();
        }
    }
}
