package com.poseops.inference;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Builds test images byte by byte: JPEG variants, EXIF-rotated copies, headers that lie about their size. */
public final class TestImages {

    private TestImages() {
    }

    /** Baseline or progressive JPEG written by the JDK's encoder. */
    public static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        return write(writer, new IIOImage(toBgr(image), null, null), param);
    }

    /** 8-bit greyscale JPEG (one component). */
    public static byte[] greyJpeg(BufferedImage image) {
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(image, 0, 0, null);
        ImageWriter writer = jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        return write(writer, new IIOImage(grey, null, null), param);
    }

    /**
     * A CMYK JPEG as Photoshop writes them: four components, inverted values, Adobe APP14 marker with transform 0.
     * The CMYK values are the naive complement of RGB with black extraction.
     */
    public static byte[] cmykJpeg(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        int[] pixel = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                int scale = 255 - k;
                pixel[0] = 255 - (scale == 0 ? 0 : (255 - r - k) * 255 / scale);
                pixel[1] = 255 - (scale == 0 ? 0 : (255 - g - k) * 255 / scale);
                pixel[2] = 255 - (scale == 0 ? 0 : (255 - b - k) * 255 / scale);
                pixel[3] = 255 - k;
                cmyk.setPixel(x, y, pixel);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        byte[] raw = write(writer, new IIOImage(cmyk, null, null), param);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return insertAfterSoi(raw, adobe);
    }

    /** A large CMYK JPEG (the benchmark's generator, {@link com.poseops.inference.bench.SyntheticImages}). */
    public static byte[] cmykJpeg(BufferedImage image, int width, int height, boolean progressive) {
        return com.poseops.inference.bench.SyntheticImages.cmykJpeg(image, width, height, progressive);
    }

    /** The JPEG with an EXIF APP1 block whose IFD0 holds only the Orientation tag (big-endian TIFF). */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
                'M', 'M', 0, 42, 0, 0, 0, 8,            // header, IFD0 at offset 8
                0, 1,                                   // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1,           // tag 0x0112 Orientation, SHORT, count 1
                0, (byte) orientation, 0, 0,            // value
                0, 0, 0, 0};                            // no next IFD
        byte[] app1 = new byte[4 + 6 + tiff.length];
        int length = app1.length - 2;
        app1[0] = (byte) 0xFF;
        app1[1] = (byte) 0xE1;
        app1[2] = (byte) (length >> 8);
        app1[3] = (byte) length;
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, app1, 4, 6);
        System.arraycopy(tiff, 0, app1, 10, tiff.length);
        return insertAfterSoi(jpeg, app1);
    }

    /** The pixels that, displayed with EXIF orientation 6 (rotate 90° clockwise), look like {@code upright}. */
    public static BufferedImage storedForOrientation6(BufferedImage upright) {
        return storedFor(upright, 6);
    }

    /** The pixels that, displayed with EXIF orientation 8 (rotate 90° counter-clockwise), look like {@code upright}. */
    public static BufferedImage storedForOrientation8(BufferedImage upright) {
        return storedFor(upright, 8);
    }

    /**
     * The stored pixels that, displayed with {@code orientation}, look like {@code upright}. Written from the EXIF
     * definitions (row 0 / column 0 of the stored image shown at …), independently of the production code.
     */
    public static BufferedImage storedFor(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean swap = orientation >= 5;
        BufferedImage stored = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = upright.getRGB(x, y);
                switch (orientation) {
                    case 1 -> stored.setRGB(x, y, rgb);
                    case 2 -> stored.setRGB(w - 1 - x, y, rgb);          // mirrored horizontally
                    case 3 -> stored.setRGB(w - 1 - x, h - 1 - y, rgb);  // rotated 180°
                    case 4 -> stored.setRGB(x, h - 1 - y, rgb);          // mirrored vertically
                    case 5 -> stored.setRGB(y, x, rgb);                  // transposed
                    case 6 -> stored.setRGB(y, w - 1 - x, rgb);          // shown rotated 90° clockwise
                    case 7 -> stored.setRGB(h - 1 - y, w - 1 - x, rgb);  // transverse
                    case 8 -> stored.setRGB(h - 1 - y, x, rgb);          // shown rotated 90° counter-clockwise
                    default -> throw new IllegalArgumentException("orientation " + orientation);
                }
            }
        }
        return stored;
    }

    /** {@code image} enlarged {@code factor} times (bilinear), as 3-byte BGR. */
    public static BufferedImage scaled(BufferedImage image, int factor) {
        BufferedImage big = new BufferedImage(image.getWidth() * factor, image.getHeight() * factor,
                BufferedImage.TYPE_3BYTE_BGR);
        var g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        return big;
    }

    /** A complete, valid PNG header (signature, IHDR with CRC) and IEND, with no pixel data: lies about its size. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr(width, height, 2));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** SOI + SOF0 declaring the given size, then EOI: a "JPEG" of 21 bytes claiming any size. */
    public static byte[] jpegHeaderOnly(int width, int height) {
        return new byte[] {
                (byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, (byte) 0xC0, 0, 11, 8, (byte) (height >> 8), (byte) height, (byte) (width >> 8),
                (byte) width, 1, 1, 0x11, 0,
                (byte) 0xFF, (byte) 0xD9};
    }

    /**
     * A real, fully valid greyscale PNG of width×height black pixels: the zlib stream is tiny (≈ 1/1000 of the raw
     * size), the raster is not. A decompression bomb when width×height is large.
     */
    public static byte[] blackPng(int width, int height) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, new Deflater(9), 1 << 16)) {
            byte[] row = new byte[width + 1]; // filter byte 0 + black pixels
            for (int y = 0; y < height; y++) {
                zlib.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr(width, height, 0));
        chunk(out, "IDAT", compressed.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage toBgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(image, 0, 0, null);
        return bgr;
    }

    private static byte[] ihdr(int width, int height, int colorType) {
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(ihdr);
        try {
            data.writeInt(width);
            data.writeInt(height);
            data.writeByte(8);          // bit depth
            data.writeByte(colorType);  // 0 grey, 2 RGB
            data.writeByte(0);
            data.writeByte(0);
            data.writeByte(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ihdr.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DataOutputStream d = new DataOutputStream(out);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        try {
            d.writeInt(data.length);
            d.write(typeBytes);
            d.write(data);
            d.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] result = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(segment, 0, result, 2, segment.length);
        System.arraycopy(jpeg, 2, result, 2 + segment.length, jpeg.length - 2);
        return result;
    }

    private static ImageWriter jdkJpegWriter() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith("com.sun.")) {
                return writer;
            }
        }
        return ImageIO.getImageWritersByFormatName("jpeg").next();
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
