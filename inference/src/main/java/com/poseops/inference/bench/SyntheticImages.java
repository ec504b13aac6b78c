package com.poseops.inference.bench;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Images made at run time for the benchmark and the tests (never committed). */
public final class SyntheticImages {

    private SyntheticImages() {
    }

    /**
     * A large CMYK JPEG as Photoshop writes them (Adobe APP14, inverted values) of {@code image} stretched to
     * width × height (nearest neighbour, written straight into the raster so that no RGB copy of that size exists),
     * baseline or progressive, quality 0.75. 8000 × 5000 progressive is the hardening probe's 40 MP memory bomb.
     */
    public static byte[] cmykJpeg(BufferedImage image, int width, int height, boolean progressive) {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        byte[] data = ((DataBufferByte) cmyk.getDataBuffer()).getData();
        int sw = image.getWidth();
        int sh = image.getHeight();
        int[] row = new int[sw];
        for (int y = 0, o = 0; y < height; y++) {
            image.getRGB(0, (int) ((long) y * sh / height), sw, 1, row, 0, sw);
            for (int x = 0; x < width; x++, o += 4) {
                int rgb = row[(int) ((long) x * sw / width)];
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                int scale = 255 - k;
                data[o] = (byte) (255 - (scale == 0 ? 0 : (255 - r - k) * 255 / scale));
                data[o + 1] = (byte) (255 - (scale == 0 ? 0 : (255 - g - k) * 255 / scale));
                data[o + 2] = (byte) (255 - (scale == 0 ? 0 : (255 - b - k) * 255 / scale));
                data[o + 3] = (byte) (255 - k);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.75f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(cmyk, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] raw = bytes.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] result = new byte[raw.length + adobe.length];
        System.arraycopy(raw, 0, result, 0, 2);
        System.arraycopy(adobe, 0, result, 2, adobe.length);
        System.arraycopy(raw, 2, result, 2 + adobe.length, raw.length - 2);
        return result;
    }

    private static ImageWriter jdkJpegWriter() {
        for (var it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
            ImageWriter writer = it.next();
            if (writer.getClass().getName().startsWith("com.sun.")) {
                return writer;
            }
        }
        return ImageIO.getImageWritersByFormatName("jpeg").next();
    }
}
