package com.poseops.inference.image;

import com.poseops.inference.ErrorCode;
import com.poseops.inference.ImageRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * What the first bytes of an image say, read without decoding any pixels: format, stored size, colour components,
 * EXIF orientation. Used to refuse huge images (decompression bombs included) before a decoder allocates anything.
 *
 * @param format      JPEG or PNG
 * @param width       stored width in pixels (before EXIF orientation)
 * @param height      stored height in pixels
 * @param components  colour components (JPEG: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK; PNG: 1–4 by colour type)
 * @param progressive JPEG progressive (or PNG interlaced)
 * @param orientation EXIF orientation 1..8 (1 when absent or unreadable)
 */
public record ImageHeader(ImageFormat format, int width, int height, int components, boolean progressive,
                          int orientation) {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** Width as displayed (after EXIF orientation). */
    public int orientedWidth() {
        return ExifOrientation.swapsAxes(orientation) ? height : width;
    }

    /** Height as displayed (after EXIF orientation). */
    public int orientedHeight() {
        return ExifOrientation.swapsAxes(orientation) ? width : height;
    }

    public long pixels() {
        return (long) width * height;
    }

    /**
     * Reads the header of a JPEG or PNG and checks its size against {@code maxPixels}.
     *
     * @throws ImageRejectedException {@code invalid_image} (empty, unknown, truncated header),
     *                                {@code unsupported_media_type} (GIF, WebP, …) or {@code image_too_large}
     */
    public static ImageHeader read(byte[] data, int length, long maxPixels) throws ImageRejectedException {
        if (length == 0) {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                    "The request body is empty. Send the bytes of a JPEG or PNG image.");
        }
        ImageFormat format = sniff(data, length);
        if (format == null) {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                    "The body is not a JPEG or PNG image (it starts with " + describeStart(data, length)
                            + "). Send the raw bytes of a .jpg or .png file.");
        }
        if (!format.supported()) {
            throw new ImageRejectedException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The body is a " + format.displayName() + " image; only JPEG and PNG are supported. "
                            + "Convert it to JPEG or PNG first.");
        }
        ImageHeader header = format == ImageFormat.JPEG ? readJpeg(data, length) : readPng(data, length);
        if (header.width() <= 0 || header.height() <= 0) {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The " + format.displayName()
                    + " header declares an empty image (" + header.width() + "×" + header.height() + ").");
        }
        if (header.pixels() > maxPixels) {
            throw new ImageRejectedException(ErrorCode.IMAGE_TOO_LARGE, String.format(java.util.Locale.ROOT,
                    "The image is %d×%d = %.1f megapixels; the limit is %.1f megapixels. "
                            + "Scale it down before sending (MoveNet works on %s anyway).",
                    header.width(), header.height(), header.pixels() / 1e6, maxPixels / 1e6, "192–256 px"));
        }
        return header;
    }

    /** The format the first bytes announce, or null if none that we know. */
    static @Nullable ImageFormat sniff(byte[] d, int n) {
        if (n >= 3 && u8(d, 0) == 0xFF && u8(d, 1) == 0xD8 && u8(d, 2) == 0xFF) {
            return ImageFormat.JPEG;
        }
        if (startsWith(d, n, PNG_SIGNATURE)) {
            return ImageFormat.PNG;
        }
        if (n >= 6 && d[0] == 'G' && d[1] == 'I' && d[2] == 'F' && d[3] == '8' && (d[4] == '7' || d[4] == '9')
                && d[5] == 'a') {
            return ImageFormat.GIF;
        }
        if (n >= 12 && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F' && d[8] == 'W' && d[9] == 'E'
                && d[10] == 'B' && d[11] == 'P') {
            return ImageFormat.WEBP;
        }
        if (n >= 4 && ((d[0] == 'I' && d[1] == 'I' && d[2] == 42 && d[3] == 0)
                || (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && d[3] == 42))) {
            return ImageFormat.TIFF;
        }
        if (n >= 12 && d[4] == 'f' && d[5] == 't' && d[6] == 'y' && d[7] == 'p') {
            return ImageFormat.HEIF;
        }
        if (n >= 14 && d[0] == 'B' && d[1] == 'M') {
            return ImageFormat.BMP;
        }
        return null;
    }

    // ---------------------------------------------------------------- JPEG

    private static ImageHeader readJpeg(byte[] d, int n) throws ImageRejectedException {
        int orientation = 1;
        int pos = 2;
        while (true) {
            // Markers are 0xFF followed by a code; any number of 0xFF fill bytes may precede the code.
            if (pos >= n) {
                throw truncatedJpeg();
            }
            if (u8(d, pos) != 0xFF) {
                throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                        "The JPEG is corrupt: expected a marker at byte " + pos + ". Re-export the image.");
            }
            while (pos < n && u8(d, pos) == 0xFF) {
                pos++;
            }
            if (pos >= n) {
                throw truncatedJpeg();
            }
            int marker = u8(d, pos++);
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers, no length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                // End of image or start of scan before any frame header.
                throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                        "The JPEG has no frame header (SOF) before its image data; the file is corrupt.");
            }
            if (pos + 2 > n) {
                throw truncatedJpeg();
            }
            int segmentLength = u16be(d, pos);
            if (segmentLength < 2) {
                throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                        "The JPEG is corrupt: a segment at byte " + pos + " has length " + segmentLength + ".");
            }
            int body = pos + 2;
            int end = pos + segmentLength;
            if (isStartOfFrame(marker)) {
                if (body + 6 > n) {
                    throw truncatedJpeg();
                }
                int height = u16be(d, body + 1);
                int width = u16be(d, body + 3);
                int components = u8(d, body + 5);
                boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                if (height == 0) {
                    throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                            "The JPEG declares its height later in the file (DNL marker), which is not supported. "
                                    + "Re-save it with a standard encoder.");
                }
                return new ImageHeader(ImageFormat.JPEG, width, height, components, progressive, orientation);
            }
            if (marker == 0xE1 && end <= n && segmentLength >= 8 && d[body] == 'E' && d[body + 1] == 'x'
                    && d[body + 2] == 'i' && d[body + 3] == 'f' && d[body + 4] == 0) {
                orientation = ExifOrientation.fromTiff(d, body + 6, end);
            }
            pos = end;
        }
    }

    private static boolean isStartOfFrame(int marker) {
        // C0..CF except DHT (C4), JPG (C8) and DAC (CC).
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ImageRejectedException truncatedJpeg() {
        return new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                "The JPEG is truncated: it ends before its frame header. Send the complete file.");
    }

    // ---------------------------------------------------------------- PNG

    private static ImageHeader readPng(byte[] d, int n) throws ImageRejectedException {
        // Signature (8), IHDR length (4) "IHDR" (4), width (4), height (4), bit depth, colour type, compression,
        // filter, interlace.
        if (n < 33 || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                    "The PNG is truncated or corrupt: its IHDR header is missing. Send the complete file.");
        }
        long width = u32be(d, 16);
        long height = u32be(d, 20);
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            // PNG allows at most 2^31-1 per side: a larger (or "negative") value is a corrupt or hostile header.
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The PNG header declares " + width + "×"
                    + height + " pixels; PNG allows at most 2147483647 per side, so the file is corrupt.");
        }
        int colorType = u8(d, 25);
        int components = switch (colorType) {
            case 0 -> 1;  // grey
            case 2 -> 3;  // RGB
            case 3 -> 3;  // palette
            case 4 -> 2;  // grey + alpha
            case 6 -> 4;  // RGBA
            default -> throw new ImageRejectedException(ErrorCode.INVALID_IMAGE,
                    "The PNG header has an invalid colour type " + colorType + "; the file is corrupt.");
        };
        boolean interlaced = u8(d, 28) == 1;
        return new ImageHeader(ImageFormat.PNG, (int) width, (int) height, components, interlaced,
                pngOrientation(d, n));
    }

    /** EXIF orientation from an eXIf chunk (must precede IDAT); 1 if none. */
    private static int pngOrientation(byte[] d, int n) {
        int pos = 8;
        while (pos + 8 <= n) {
            long chunkLength = u32be(d, pos);
            int type = pos + 4;
            if (d[type] == 'I' && d[type + 1] == 'D' && d[type + 2] == 'A' && d[type + 3] == 'T') {
                return 1;
            }
            long dataEnd = pos + 8L + chunkLength;
            if (dataEnd > n) {
                return 1;
            }
            if (d[type] == 'e' && d[type + 1] == 'X' && d[type + 2] == 'I' && d[type + 3] == 'f') {
                return ExifOrientation.fromTiff(d, pos + 8, (int) dataEnd);
            }
            pos = (int) dataEnd + 4; // skip CRC
        }
        return 1;
    }

    // ---------------------------------------------------------------- helpers

    private static String describeStart(byte[] d, int n) {
        StringBuilder hex = new StringBuilder();
        boolean printable = true;
        int shown = Math.min(n, 8);
        for (int i = 0; i < shown; i++) {
            hex.append(String.format("%02X ", d[i] & 0xFF));
            printable &= d[i] >= 0x20 && d[i] < 0x7F;
        }
        String text = printable ? " \"" + new String(d, 0, shown, java.nio.charset.StandardCharsets.US_ASCII) + "\""
                : "";
        return "bytes " + hex.toString().trim() + text;
    }

    private static boolean startsWith(byte[] d, int n, byte[] prefix) {
        if (n < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int u8(byte[] d, int i) {
        return d[i] & 0xFF;
    }

    static int u16be(byte[] d, int i) {
        return (u8(d, i) << 8) | u8(d, i + 1);
    }

    static long u32be(byte[] d, int i) {
        return ((long) u8(d, i) << 24) | (u8(d, i + 1) << 16) | (u8(d, i + 2) << 8) | u8(d, i + 3);
    }
}
