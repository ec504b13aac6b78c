package com.poseops.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five sessions download the annotated PNG of a 40-megapixel upload at once, in a JVM with a 1 GB heap — the probe
 * that ended in OutOfMemoryErrors when every download decoded and drew the full image. Now each draws at most
 * {@value PoseImages#MAX_ANNOTATED_SIDE} px from a subsampled decode, within the image-work budget.
 */
public class AnnotatedPngMemoryTest {

    @TempDir
    Path directory;

    @Test
    void fiveConcurrentDownloadsOfA40MegapixelAnnotatedPngFitInA1GbHeap() throws Exception {
        Path image = write40MegapixelProgressiveJpeg(directory.resolve("40mp.jpg"));
        Path output = directory.resolve("load.txt");
        Process load = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                AnnotatedPngLoad.class.getName(), image.toString(), "5")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = load.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            load.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("the five downloads finished; output:%n%s", printed).isTrue();
        assertThat(load.exitValue()).as("exit code (3 = OutOfMemoryError); output:%n%s", printed).isZero();
        String result = printed.lines().filter(line -> line.startsWith("downloads=")).findFirst().orElseThrow();
        assertThat(result).as("result line").contains("oom=0");
        int ok = Integer.parseInt(result.replaceAll(".*\\bok=(\\d+).*", "$1"));
        int busy = Integer.parseInt(result.replaceAll(".*\\bbusy=(\\d+).*", "$1"));
        assertThat(ok + busy).as("every download either got its PNG or a 'busy, try again': %s", result).isEqualTo(5);
        assertThat(ok).as("downloads that got their PNG: %s", result).isPositive();
    }

    /** 7744 × 5164 (40.0 MP), progressive like the probe's: the decoder's worst case. */
    public static Path write40MegapixelProgressiveJpeg(Path file) throws Exception {
        BufferedImage picture = new BufferedImage(7744, 5164, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = picture.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), 7744, 5164, new Color(230, 200, 120)));
        g.fillRect(0, 0, 7744, 5164);
        g.setColor(new Color(200, 60, 60));
        for (int i = 0; i < 40; i++) {
            g.fillOval(150 * i + 100, 90 * i + 100, 400, 600);
        }
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        try (OutputStream out = Files.newOutputStream(file); ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(picture, null, null), param);
        } finally {
            writer.dispose();
        }
        assertThat(Files.size(file)).as("the upload limit is 6 MB").isLessThan(6L * 1024 * 1024);
        return file;
    }

}
