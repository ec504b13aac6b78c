package com.poseops.inference.image;

import com.poseops.inference.ErrorCode;
import com.poseops.inference.ImageRejectedException;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import org.jspecify.annotations.Nullable;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

/**
 * Decodes JPEG and PNG with ImageIO, optionally at a reduced resolution (source subsampling: the decoder keeps only
 * every k-th pixel, so a 40 MP photo never becomes a 40 MP raster). The PNG decoder, and the JPEG decoder where
 * TurboJPEG is not available. Not thread-safe: one per {@link ImageDecoder} (ImageIO readers are stateful and reused
 * to save their set-up cost).
 *
 * <p>JPEG goes to the JDK's own reader (fastest here), falling back to TwelveMonkeys' reader for CMYK/YCCK files and
 * for files the JDK refuses. A JPEG that ends early is refused: libjpeg would silently fill the rest with grey.
 */
final class ImageIoDecoder {

    private static final String JDK_JPEG_READER = "com.sun.imageio.plugins.jpeg.JPEGImageReader";
    private static final String TWELVEMONKEYS_PACKAGE = "com.twelvemonkeys.";

    private final ImageReader fastJpegReader;
    private final ImageReader tolerantJpegReader;
    private final ImageReader pngReader;
    private final TruncationDetector truncation = new TruncationDetector();

    ImageIoDecoder() {
        ImageReader jdk = null;
        ImageReader twelveMonkeys = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader reader = it.next();
            String name = reader.getClass().getName();
            if (jdk == null && name.equals(JDK_JPEG_READER)) {
                jdk = reader;
            } else if (twelveMonkeys == null && name.startsWith(TWELVEMONKEYS_PACKAGE)) {
                twelveMonkeys = reader;
            }
        }
        if (jdk == null && twelveMonkeys == null) {
            throw new IllegalStateException("no JPEG decoder available in this JVM (ImageIO has no JPEG reader)");
        }
        this.fastJpegReader = jdk != null ? jdk : twelveMonkeys;
        this.tolerantJpegReader = twelveMonkeys != null ? twelveMonkeys : jdk;
        Iterator<ImageReader> png = ImageIO.getImageReadersByFormatName("png");
        if (!png.hasNext()) {
            throw new IllegalStateException("no PNG decoder available in this JVM (ImageIO has no PNG reader)");
        }
        this.pngReader = png.next();
        fastJpegReader.addIIOReadWarningListener(truncation);
        if (tolerantJpegReader != fastJpegReader) {
            tolerantJpegReader.addIIOReadWarningListener(truncation);
        }
        pngReader.addIIOReadWarningListener(truncation);
    }

    /**
     * Decodes the image whose header was already checked.
     *
     * @param subsampling which stored pixels to decode ({@link Subsampling#NONE} for all)
     * @throws ImageRejectedException {@code invalid_image} if the data is truncated or corrupt
     */
    DecodedImage decode(byte[] data, int length, ImageHeader header, Subsampling subsampling)
            throws ImageRejectedException {
        BufferedImage image;
        if (header.format() == ImageFormat.PNG) {
            image = read(pngReader, data, length, subsampling, header);
        } else {
            // CMYK/YCCK (4 components): only TwelveMonkeys converts them properly.
            ImageReader first = header.components() == 4 ? tolerantJpegReader : fastJpegReader;
            try {
                image = read(first, data, length, subsampling, header);
            } catch (ImageRejectedException e) {
                if (first == tolerantJpegReader || e.getCause() == null) {
                    throw e; // truncation is a property of the file, not of the reader: no second try
                }
                image = read(tolerantJpegReader, data, length, subsampling, header);
            }
        }
        int expectedWidth = Subsampling.decodedLength(header.width(), subsampling.stepX(), subsampling.offsetX());
        int expectedHeight = Subsampling.decodedLength(header.height(), subsampling.stepY(), subsampling.offsetY());
        if (image.getWidth() != expectedWidth || image.getHeight() != expectedHeight) {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, String.format(Locale.ROOT,
                    "The %s header says %d×%d but the image data decodes to a different size; the file is corrupt.",
                    header.format().displayName(), header.width(), header.height()));
        }
        return new DecodedImage(PixelSource.of(image), header.width(), header.height(), subsampling,
                header.orientation());
    }

    private BufferedImage read(ImageReader reader, byte[] data, int length, Subsampling subsampling,
                               ImageHeader header) throws ImageRejectedException {
        truncation.reset();
        String format = header.format().displayName();
        try (ImageInputStream in = new ByteArrayImageInputStream(data, 0, length)) {
            reader.setInput(in, true, true);
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling.reduces()) {
                param.setSourceSubsampling(subsampling.stepX(), subsampling.stepY(), subsampling.offsetX(),
                        subsampling.offsetY());
            }
            BufferedImage image = reader.read(0, param);
            if (truncation.truncated) {
                throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The " + format
                        + " is truncated: the file ends before all of its image data. Send the complete file.");
            }
            return image;
        } catch (IIOException e) {
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The " + format
                    + " could not be decoded (" + describe(e) + "). The file is corrupt or truncated, or uses a "
                    + "variant this server cannot read (e.g. 12-bit or arithmetic-coded JPEG); re-save it as a "
                    + "standard " + format + ".", e);
        } catch (IOException | RuntimeException e) {
            // ImageIO plugins throw assorted runtime exceptions on corrupt data; none of them is a server bug.
            throw new ImageRejectedException(ErrorCode.INVALID_IMAGE, "The " + format
                    + " could not be decoded (" + describe(e) + "). The file is corrupt or truncated; re-save it as"
                    + " a standard " + format + ".", e);
        } finally {
            reader.setInput(null);
        }
    }

    private static String describe(Throwable e) {
        @Nullable String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** libjpeg reports a file that ends early as a warning ("Premature end of JPEG file") and pads with grey. */
    private static final class TruncationDetector implements IIOReadWarningListener {
        boolean truncated;

        void reset() {
            truncated = false;
        }

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("truncated") || w.contains("missing eoi")) {
                truncated = true;
            }
        }
    }
}
