package com.poseops.pose;

import com.poseops.platform.SkeletonStyle;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The annotated PNG has the page overlay's colours at the keypoints and leaves low-score points out. */
class PoseImagesTest {

    private static final int WIDTH = 400;
    private static final int HEIGHT = 300;

    @Test
    void drawsEachVisibleKeypointInItsSideColourAndHidesTheOthers() throws Exception {
        List<PoseResult.Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            // Spread on a grid so that no two dots overlap; the last four score low.
            double x = 30 + (i % 6) * 60;
            double y = 40 + (i / 6) * 100;
            keypoints.add(new PoseResult.Keypoint(PoseResult.KEYPOINT_NAMES.get(i), x, y, i >= 13 ? 0.2 : 0.9));
        }
        byte[] png = PoseImages.annotatedPng(grayJpegOrPng("png"), 1, keypoints, 0.3);
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(png));

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(drawn.getWidth()).isEqualTo(WIDTH);
        assertThat(drawn.getHeight()).isEqualTo(HEIGHT);
        for (int i = 0; i < 17; i++) {
            PoseResult.Keypoint k = keypoints.get(i);
            int rgb = drawn.getRGB((int) k.x(), (int) k.y()) & 0xffffff;
            if (k.score() >= 0.3) {
                assertThat(rgb).as("pixel at %s (index %d)", k.name(), i)
                        .isEqualTo(SkeletonStyle.ofKeypoint(i).color().getRGB() & 0xffffff);
            } else {
                assertThat(rgb).as("pixel at the hidden %s", k.name()).isEqualTo(0x808080);
            }
        }
        assertThat(SkeletonStyle.ofKeypoint(0)).isEqualTo(SkeletonStyle.CENTRE);
        assertThat(SkeletonStyle.ofKeypoint(5)).as("left_shoulder").isEqualTo(SkeletonStyle.LEFT);
        assertThat(SkeletonStyle.ofKeypoint(6)).as("right_shoulder").isEqualTo(SkeletonStyle.RIGHT);
    }

    @Test
    void drawsTheEdgeBetweenTwoVisiblePointsInTheSideColour() throws Exception {
        List<PoseResult.Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            keypoints.add(new PoseResult.Keypoint(PoseResult.KEYPOINT_NAMES.get(i), 0, 0, 0.0));
        }
        // left_shoulder (5) → left_elbow (7): a LEFT edge, horizontal from x=100 to x=300 at y=150.
        keypoints.set(5, new PoseResult.Keypoint("left_shoulder", 100, 150, 0.8));
        keypoints.set(7, new PoseResult.Keypoint("left_elbow", 300, 150, 0.8));
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(
                PoseImages.annotatedPng(grayJpegOrPng("png"), 1, keypoints, 0.3)));
        assertThat(drawn.getRGB(200, 150) & 0xffffff).as("middle of the left upper arm")
                .isEqualTo(SkeletonStyle.LEFT.color().getRGB() & 0xffffff);
        assertThat(drawn.getRGB(200, 120) & 0xffffff).as("away from the edge").isEqualTo(0x808080);
    }

    @Test
    void aLargeImageIsDrawnAtMostMaxSideWideWithItsKeypointsScaledAlong() throws Exception {
        BufferedImage big = new BufferedImage(6000, 4000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 6000, 4000);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(big, "jpg", jpeg);
        List<PoseResult.Keypoint> keypoints = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            keypoints.add(new PoseResult.Keypoint(PoseResult.KEYPOINT_NAMES.get(i), 0, 0, 0.0));
        }
        keypoints.set(0, new PoseResult.Keypoint("nose", 3000, 2000, 0.9)); // the centre of the original

        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(
                PoseImages.annotatedPng(jpeg.toByteArray(), 1, keypoints, 0.3)));

        assertThat(drawn.getWidth()).isEqualTo(PoseImages.MAX_ANNOTATED_SIDE);
        assertThat(drawn.getHeight()).isEqualTo(1365);
        assertThat(drawn.getRGB(1024, 683) & 0xffffff).as("the nose, at the centre of the scaled picture")
                .isEqualTo(SkeletonStyle.ofKeypoint(0).color().getRGB() & 0xffffff);
    }

    @Test
    void turnsTheImageUprightByItsExifOrientation() throws Exception {
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, 0xff0000); // top-left corner red
        BufferedImage turned = PoseImages.upright(stored, 6); // rotate 90° clockwise
        assertThat(turned.getWidth()).isEqualTo(20);
        assertThat(turned.getHeight()).isEqualTo(40);
        assertThat(turned.getRGB(19, 0) & 0xffffff).as("the stored top-left ends up top-right").isEqualTo(0xff0000);
    }

    @Test
    void thumbnailIsASmallJpeg() throws Exception {
        byte[] jpeg = PoseImages.thumbnailJpeg(grayJpegOrPng("jpg"), 1);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(jpeg).startsWith(0xff, 0xd8);
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isLessThanOrEqualTo(PoseImages.THUMBNAIL_SIZE);
        assertThat((double) thumbnail.getWidth() / thumbnail.getHeight()).isCloseTo(4.0 / 3, org.assertj.core.data.Offset.offset(0.05));
    }

    private static byte[] grayJpegOrPng(String format) throws Exception {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x808080));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
