package com.poseops.inference.bench;

import com.poseops.inference.BodyPart;
import com.poseops.inference.Keypoint;
import com.poseops.inference.PosePrediction;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every labelled image at hand, for the accuracy test and the benchmark: the tensorflow-examples images with their
 * hand-made truth, the Coral squat with the reference output of this very model, and small-person / off-centre cases
 * made at run time from those images (scaled and placed on a larger grey canvas, truth moved with them). Nothing here
 * is ever written to disk.
 */
public final class LabelledSet {

    /** A keypoint counts as correct for PCK when its error is at most this fraction of the torso diameter. */
    public static final double PCK_FRACTION = 0.2;

    /**
     * One labelled image.
     *
     * @param name    short name for tables
     * @param howMade how the image was made from the shared data
     * @param bytes   the encoded image (JPEG or PNG) as a client would send it
     * @param truth   [keypoint][x, y] in pixels of the image, COCO order
     * @param counted which keypoints have a truth (the Coral reference only counts keypoints it scored above 0.4)
     * @param jpeg    true when {@code bytes} is a JPEG (the decoder comparison only applies to those)
     */
    public record Image(String name, String howMade, byte[] bytes, double[][] truth, boolean[] counted, boolean jpeg) {
    }

    /**
     * Errors of one prediction against the truth, over the counted keypoints.
     *
     * @param maxPx  largest error, Chebyshev (max of |dx|, |dy|), pixels — the upstream tests' measure
     * @param meanPx mean Chebyshev error, pixels
     * @param pck    fraction of keypoints within {@link #PCK_FRACTION} × torso diameter (Euclidean)
     */
    public record Errors(double maxPx, double meanPx, double pck) {
    }

    private LabelledSet() {
    }

    /** All labelled images, built from {@code shared} (the ../shared directory). */
    public static List<Image> load(Path shared) throws IOException {
        Path examples = shared.resolve("testdata/pose/tensorflow-examples");
        List<double[][]> truth = truth(examples.resolve("pose_landmark_truth.csv"));
        BufferedImage image1 = read(examples.resolve("image1.png"));
        BufferedImage image2 = read(examples.resolve("image2.jpeg"));
        boolean[] all = new boolean[BodyPart.COUNT];
        java.util.Arrays.fill(all, true);
        List<Image> set = new ArrayList<>();
        set.add(new Image("image1.png", "tensorflow-examples image1.png as is (RGBA PNG)",
                Files.readAllBytes(examples.resolve("image1.png")), truth.get(0), all, false));
        set.add(new Image("image1.jpg", "image1.png re-encoded as JPEG (quality 0.95)", jpeg(image1, 0.95f),
                truth.get(0), all, true));
        set.add(new Image("image2.jpeg", "tensorflow-examples image2.jpeg as is",
                Files.readAllBytes(examples.resolve("image2.jpeg")), truth.get(1), all, true));
        set.add(placed("image2 small, bottom-left", image2, truth.get(1), 0.5, 1280, 960, 60, 600));
        set.add(placed("image1 small, top-right", image1, truth.get(0), 0.5, 1280, 960, 1020, 40));
        set.add(placed("image2 at the left edge", image2, truth.get(1), 1.0, 1600, 900, 0, 200));
        set.add(placed("image1 tiny, centre-right", image1, truth.get(0), 0.35, 1280, 720, 800, 420));
        set.add(coralSquat(shared.resolve("testdata/pose/coral")));
        return set;
    }

    /** The truth rows of tensorflow-examples' pose_landmark_truth.csv (row 0 = image1, row 1 = image2). */
    public static List<double[][]> truth(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.getFirst().split(",");
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            column.put(header[i].trim(), i);
        }
        List<double[][]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            double[][] row = new double[BodyPart.COUNT][2];
            for (BodyPart part : BodyPart.values()) {
                row[part.ordinal()][0] = Double.parseDouble(f[column.get(part.label() + "_x")].strip());
                row[part.ordinal()][1] = Double.parseDouble(f[column.get(part.label() + "_y")].strip());
            }
            rows.add(row);
        }
        return rows;
    }

    /** Errors of {@code pose} against the image's truth. */
    public static Errors errors(PosePrediction pose, Image image) {
        double[][] t = image.truth();
        double torso = Math.hypot(t[BodyPart.LEFT_SHOULDER.ordinal()][0] - t[BodyPart.RIGHT_HIP.ordinal()][0],
                t[BodyPart.LEFT_SHOULDER.ordinal()][1] - t[BodyPart.RIGHT_HIP.ordinal()][1]);
        double max = 0;
        double sum = 0;
        int counted = 0;
        int correct = 0;
        for (BodyPart part : BodyPart.values()) {
            if (!image.counted()[part.ordinal()]) {
                continue;
            }
            Keypoint k = pose.keypoint(part);
            double dx = k.x() - t[part.ordinal()][0];
            double dy = k.y() - t[part.ordinal()][1];
            double chebyshev = Math.max(Math.abs(dx), Math.abs(dy));
            max = Math.max(max, chebyshev);
            sum += chebyshev;
            counted++;
            if (Math.hypot(dx, dy) <= PCK_FRACTION * torso) {
                correct++;
            }
        }
        return new Errors(max, sum / counted, (double) correct / counted);
    }

    /** {@code source} scaled by {@code scale} onto a grey canvas at (x, y); the truth moves with it. */
    private static Image placed(String name, BufferedImage source, double[][] truth, double scale, int canvasWidth,
                                int canvasHeight, int x, int y) {
        int w = (int) Math.round(source.getWidth() * scale);
        int h = (int) Math.round(source.getHeight() * scale);
        BufferedImage canvas = new BufferedImage(canvasWidth, canvasHeight, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, canvasWidth, canvasHeight);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, x, y, w, h, null);
        g.dispose();
        double sx = (double) w / source.getWidth();
        double sy = (double) h / source.getHeight();
        double[][] moved = new double[BodyPart.COUNT][2];
        for (int k = 0; k < BodyPart.COUNT; k++) {
            moved[k][0] = x + truth[k][0] * sx;
            moved[k][1] = y + truth[k][1] * sy;
        }
        boolean[] all = new boolean[BodyPart.COUNT];
        java.util.Arrays.fill(all, true);
        return new Image(name, String.format(java.util.Locale.ROOT,
                "%s scaled ×%.2f (%d×%d) onto a %d×%d grey canvas at (%d, %d), JPEG quality 0.95", name.split(" ")[0],
                scale, w, h, canvasWidth, canvasHeight, x, y), jpeg(canvas, 0.95f), moved, all, true);
    }

    /**
     * Coral's squat with the reference output of this Lightning int8 model on the stretched image: not a human truth,
     * so only the keypoints the reference scored above 0.4 count. Sent as a lossless PNG (the BMP is not accepted).
     */
    private static Image coralSquat(Path coral) throws IOException {
        BufferedImage squat = read(coral.resolve("squat.bmp"));
        List<String> lines = Files.readAllLines(coral.resolve("movenet_single_pose_lightning_ptq_reference.csv"));
        double[][] truth = new double[BodyPart.COUNT][2];
        boolean[] counted = new boolean[BodyPart.COUNT];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int k = Integer.parseInt(f[2]);
            counted[k] = Double.parseDouble(f[3]) > 0.4;
            truth[k][0] = Double.parseDouble(f[4]) * squat.getWidth();
            truth[k][1] = Double.parseDouble(f[5]) * squat.getHeight();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(squat, "png", png);
        return new Image("coral squat", "Coral squat.bmp as PNG; reference = this model's output on the stretched "
                + "image, keypoints scored > 0.4", png.toByteArray(), truth, counted, false);
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("cannot read " + file);
        }
        return image;
    }

    /** Baseline JPEG of the given quality written by the JDK's encoder. */
    static byte[] jpeg(BufferedImage image, float quality) {
        BufferedImage bgr = image;
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(image, 0, 0, null);
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(bgr, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
