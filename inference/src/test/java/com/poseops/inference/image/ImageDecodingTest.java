package com.poseops.inference.image;

import com.poseops.inference.ErrorCode;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.Preprocessing;
import com.poseops.inference.TestData;
import com.poseops.inference.TestImages;
import com.poseops.inference.engine.InputType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding, EXIF orientation and resampling, checked on pixels (no model involved). */
class ImageDecodingTest {

    private static final long LIMIT = 40_000_000L;
    private static BufferedImage image2;

    /** Both JPEG decoders: ImageIO (forced) and TurboJPEG (required: the test fails where libturbojpeg0 is missing). */
    static Stream<String> decoders() {
        return Stream.of("imageio", "turbojpeg");
    }

    private static ImageDecoder decoder(String name) {
        return JpegDecoders.resolve(new JpegDecoders.Setting(JpegDecoders.Choice.parse(name),
                JpegDecoders.Setting.defaults().library())).newDecoder();
    }

    @BeforeAll
    static void readImage() throws Exception {
        image2 = ImageIO.read(new ByteArrayInputStream(
                Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void cmykJpegDecodesToTheOriginalColours(String name) throws Exception {
        ImageDecoder decoder = decoder(name);
        byte[] cmyk = TestImages.cmykJpeg(image2);
        ImageHeader header = ImageHeader.read(cmyk, cmyk.length, LIMIT);
        assertThat(header.components()).isEqualTo(4);

        PixelSource pixels = decoder.decode(cmyk, cmyk.length, header, 1, 1).pixels();
        assertDecodedBy(name, decoder.decode(cmyk, cmyk.length, header, 2, 2), header);

        assertThat(meanAbsoluteDifference(pixels, image2)).as("mean |RGB difference| per channel").isLessThan(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void greyJpegGivesEqualChannels(String name) throws Exception {
        ImageDecoder decoder = decoder(name);
        byte[] grey = TestImages.greyJpeg(image2);
        ImageHeader header = ImageHeader.read(grey, grey.length, LIMIT);
        assertThat(header.components()).isEqualTo(1);

        PixelSource pixels = decoder.decode(grey, grey.length, header, 1, 1).pixels();
        assertDecodedBy(name, decoder.decode(grey, grey.length, header, 2, 2), header);

        int[] rgb = rgb(pixels, 100, 200);
        assertThat(rgb[0]).isEqualTo(rgb[1]).isEqualTo(rgb[2]);
        assertThat(pixels.width()).isEqualTo(image2.getWidth());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void progressiveJpegDecodesLikeTheOriginal(String name) throws Exception {
        ImageDecoder decoder = decoder(name);
        byte[] progressive = TestImages.jpeg(image2, 0.95f, true);
        ImageHeader header = ImageHeader.read(progressive, progressive.length, LIMIT);
        assertThat(header.progressive()).isTrue();

        PixelSource pixels = decoder.decode(progressive, progressive.length, header, 1, 1).pixels();
        assertDecodedBy(name, decoder.decode(progressive, progressive.length, header, 2, 2), header);

        assertThat(meanAbsoluteDifference(pixels, image2)).isLessThan(3);
    }

    @ParameterizedTest(name = "{0}, progressive={1}")
    @CsvSource({"imageio, false", "imageio, true", "turbojpeg, false", "turbojpeg, true"})
    void truncatedJpegIsRefusedRatherThanPaddedWithGrey(String name, boolean progressive) {
        ImageDecoder decoder = decoder(name);
        byte[] whole = TestImages.jpeg(image2, 0.9f, progressive);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> decoder.decode(truncated, truncated.length,
                ImageHeader.read(truncated, truncated.length, LIMIT), 1, 1))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("truncated")
                .extracting(e -> ((ImageRejectedException) e).code()).isEqualTo(ErrorCode.INVALID_IMAGE);
    }

    @Test
    void headerSniffingRefusesOtherFormatsByName() {
        byte[] gif = TestImages.encode(image2, "gif");
        byte[] bmp = TestImages.encode(image2, "bmp");
        assertThatThrownBy(() -> ImageHeader.read(gif, gif.length, LIMIT)).hasMessageContaining("GIF")
                .extracting(e -> ((ImageRejectedException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThatThrownBy(() -> ImageHeader.read(bmp, bmp.length, LIMIT)).hasMessageContaining("BMP")
                .extracting(e -> ((ImageRejectedException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ImageHeader.read(webp, webp.length, LIMIT)).hasMessageContaining("WebP");
    }

    @Test
    void headerLimitIsCheckedBeforeDecoding() throws Exception {
        byte[] png = TestImages.pngHeaderOnly(7000, 6000); // 42 MP, no pixel data at all
        assertThatThrownBy(() -> ImageHeader.read(png, png.length, LIMIT))
                .hasMessageContaining("7000×6000")
                .extracting(e -> ((ImageRejectedException) e).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
        ImageHeader allowed = ImageHeader.read(png, png.length, 50_000_000L);
        assertThat(allowed.width()).isEqualTo(7000);
        assertThat(allowed.height()).isEqualTo(6000);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsReadAndAppliedExactly(int orientation) throws Exception {
        BufferedImage stored = TestImages.storedFor(image2, orientation);
        // PNG keeps the pixels exact; the EXIF block goes into an eXIf chunk — but JPEG is what phones write, so
        // check the JPEG header parser too.
        byte[] jpeg = TestImages.withExifOrientation(TestImages.jpeg(stored, 0.9f, false), orientation);
        ImageHeader jpegHeader = ImageHeader.read(jpeg, jpeg.length, LIMIT);
        assertThat(jpegHeader.orientation()).isEqualTo(orientation);
        assertThat(jpegHeader.orientedWidth()).isEqualTo(image2.getWidth());
        assertThat(jpegHeader.orientedHeight()).isEqualTo(image2.getHeight());

        for (int step : new int[] {1, 3}) {
            byte[] uprightInput = resample(image2, 1, step);
            byte[] orientedInput = resample(stored, orientation, step);
            assertThat(maxDifference(uprightInput, orientedInput))
                    .as("model input from the stored pixels + orientation %d vs the upright pixels, step %d",
                            orientation, step)
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aBrightSpotMapsBackToWhereItIsInTheDisplayedImageForEveryOrientation() {
        // Black 399×640 image with a white 9×9 square centred on (250.5, 500.5) as displayed.
        BufferedImage upright = new BufferedImage(399, 640, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 496; y <= 504; y++) {
            for (int x = 246; x <= 254; x++) {
                upright.setRGB(x, y, 0xFFFFFF);
            }
        }
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (int step : new int[] {1, 3}) {
                DecodedImage decoded = decodeLike(TestImages.storedFor(upright, orientation), orientation, step);
                ByteBuffer input = ByteBuffer.allocateDirect(192 * 192 * 3);
                FrameMapping mapping = new InputResampler(192).resample(decoded, Preprocessing.LETTERBOX, input,
                        InputType.UINT8);
                // Brightness-weighted centroid of the spot in the model input, in normalised coordinates.
                double sum = 0;
                double sumX = 0;
                double sumY = 0;
                for (int i = 0; i < 192; i++) {
                    for (int j = 0; j < 192; j++) {
                        int v = input.get((i * 192 + j) * 3) & 0xFF;
                        sum += v;
                        sumX += v * (j + 0.5);
                        sumY += v * (i + 0.5);
                    }
                }
                assertThat(sum).as("spot visible, orientation %d", orientation).isGreaterThan(0);
                double x = mapping.originalX(sumX / sum / 192);
                double y = mapping.originalY(sumY / sum / 192);
                assertThat(mapping.originalWidth()).isEqualTo(399);
                assertThat(mapping.originalHeight()).isEqualTo(640);
                assertThat(x).as("x, orientation %d, step %d", orientation, step)
                        .isCloseTo(250.5, org.assertj.core.data.Offset.offset(step + 1.0));
                assertThat(y).as("y, orientation %d, step %d", orientation, step)
                        .isCloseTo(500.5, org.assertj.core.data.Offset.offset(step + 1.0));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoders")
    void aBrightSpotInARealJpegMapsBackForEveryOrientationAndScale(String name) throws Exception {
        BufferedImage upright = new BufferedImage(399, 640, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 492; y <= 508; y++) {
            for (int x = 242; x <= 258; x++) {
                upright.setRGB(x, y, 0xFFFFFF);
            }
        }
        ImageDecoder decoder = decoder(name);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] jpeg = TestImages.withExifOrientation(
                    TestImages.jpeg(TestImages.storedFor(upright, orientation), 0.95f, false), orientation);
            ImageHeader header = ImageHeader.read(jpeg, jpeg.length, LIMIT);
            for (int step : new int[] {1, 2, 3}) {
                DecodedImage decoded = decoder.decode(jpeg, jpeg.length, header, step, step);
                ByteBuffer input = ByteBuffer.allocateDirect(192 * 192 * 3);
                FrameMapping mapping = new InputResampler(192).resample(decoded, Preprocessing.LETTERBOX, input,
                        InputType.UINT8);
                double[] spot = centroid(input);
                assertThat(mapping.originalX(spot[0])).as("x, orientation %d, step %d", orientation, step)
                        .isCloseTo(250.5, org.assertj.core.data.Offset.offset(step + 1.0));
                assertThat(mapping.originalY(spot[1])).as("y, orientation %d, step %d", orientation, step)
                        .isCloseTo(500.5, org.assertj.core.data.Offset.offset(step + 1.0));
                // A crop region around the spot: the second pass of the crop-region refinement.
                FrameMapping crop = new InputResampler(192).resampleRegion(decoded,
                        new CropRegion(150.5, 400.5, 200), input, InputType.UINT8);
                double[] inCrop = centroid(input);
                assertThat(crop.originalX(inCrop[0])).as("crop x, orientation %d, step %d", orientation, step)
                        .isCloseTo(250.5, org.assertj.core.data.Offset.offset(step + 1.0));
                assertThat(crop.originalY(inCrop[1])).as("crop y, orientation %d, step %d", orientation, step)
                        .isCloseTo(500.5, org.assertj.core.data.Offset.offset(step + 1.0));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Brightness-weighted centroid of the red channel of a 192×192 model input, normalised. */
    private static double[] centroid(ByteBuffer input) {
        double sum = 0;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < 192; i++) {
            for (int j = 0; j < 192; j++) {
                int v = input.get((i * 192 + j) * 3) & 0xFF;
                v = v > 128 ? v : 0; // JPEG ringing around the spot is noise
                sum += v;
                sumX += v * (j + 0.5);
                sumY += v * (i + 0.5);
            }
        }
        assertThat(sum).as("spot visible").isGreaterThan(0);
        return new double[] {sumX / sum / 192, sumY / sum / 192};
    }

    /** TurboJPEG decodes at half size by DCT scaling (area average); ImageIO keeps every second pixel. */
    private static void assertDecodedBy(String name, DecodedImage half, ImageHeader header) {
        assertThat(half.subsampling().areaAveraged()).as("decoded by %s", name).isEqualTo(name.equals("turbojpeg"));
        assertThat(half.pixels().width()).isEqualTo((header.width() + 1) / 2);
        assertThat(half.pixels().height()).isEqualTo((header.height() + 1) / 2);
    }

    /** Model input (192×192 letterbox) from pixels stored with the given orientation, subsampled like the decoder. */
    private static byte[] resample(BufferedImage stored, int orientation, int step) {
        DecodedImage decoded = decodeLike(stored, orientation, step);
        ByteBuffer input = ByteBuffer.allocateDirect(192 * 192 * 3);
        new InputResampler(192).resample(decoded, Preprocessing.LETTERBOX, input, InputType.UINT8);
        byte[] bytes = new byte[input.remaining()];
        input.get(bytes);
        return bytes;
    }

    /** What ImageDecoder produces for these stored pixels: the aligned subsampled grid, here picked in Java. */
    private static DecodedImage decodeLike(BufferedImage stored, int orientation, int step) {
        ImageHeader header = new ImageHeader(ImageFormat.PNG, stored.getWidth(), stored.getHeight(), 3, false,
                orientation);
        Subsampling sub = Subsampling.aligned(step, step, header);
        int w = (stored.getWidth() - sub.offsetX() + step - 1) / step;
        int h = (stored.getHeight() - sub.offsetY() + step - 1) / step;
        BufferedImage picked = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                picked.setRGB(x, y, stored.getRGB(sub.offsetX() + x * step, sub.offsetY() + y * step));
            }
        }
        return new DecodedImage(PixelSource.of(picked), stored.getWidth(), stored.getHeight(), sub, orientation);
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
        }
        return max;
    }

    private static double meanAbsoluteDifference(PixelSource pixels, BufferedImage reference) {
        long sum = 0;
        long count = 0;
        for (int y = 0; y < reference.getHeight(); y += 2) {
            for (int x = 0; x < reference.getWidth(); x += 2) {
                int[] got = rgb(pixels, x, y);
                int want = reference.getRGB(x, y);
                sum += Math.abs(got[0] - ((want >> 16) & 0xFF)) + Math.abs(got[1] - ((want >> 8) & 0xFF))
                        + Math.abs(got[2] - (want & 0xFF));
                count += 3;
            }
        }
        return (double) sum / count;
    }

    private static int[] rgb(PixelSource p, int x, int y) {
        int at = p.base() + y * p.scanlineStride() + x * p.pixelStride();
        return new int[] {p.data()[at + p.redOffset()] & 0xFF, p.data()[at + p.greenOffset()] & 0xFF,
                p.data()[at + p.blueOffset()] & 0xFF};
    }
}
