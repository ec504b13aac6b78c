package com.poseops.inference.bench;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.PosePrediction;
import com.poseops.inference.RefinementMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code inference/benchmark --peer}: ours and the Python peer ({@link PythonPeer}) side by side. */
final class PeerComparison {

    private PeerComparison() {
    }

    /** The Python peer and ours, side by side with the same client and image; then keypoint agreement. */
    static void run(int port, byte[] jpeg, Path model, Path script, int workers, int seconds,
                                    Path shared) throws Exception {
        System.out.printf(Locale.ROOT, "%nAgainst the Python peer (tf.lite.Interpreter, same model, letterbox, %d "
                + "interpreters × 1 thread; same raw socket client and 640×480 JPEG; %d s per run)%n", workers,
                seconds);
        try (PythonPeer peer = PythonPeer.start(script, model, workers)) {
            System.out.println("  " + peer.banner);
            System.out.printf(Locale.ROOT, "  %-8s %-7s %10s %10s %12s%n", "server", "clients", "p50 ms", "p99 ms",
                    "requests/s");
            for (int clients : new int[] {1, 2}) {
                LoadRun.Result ours = LoadRun.run(port, jpeg, clients, seconds);
                LoadRun.Result theirs = LoadRun.run(peer.port, jpeg, clients, seconds);
                for (var row : List.of(new Object[] {"ours", ours}, new Object[] {"peer", theirs})) {
                    LoadRun.Result r = (LoadRun.Result) row[1];
                    System.out.printf(Locale.ROOT, "  %-8s %-7d %10.2f %10.2f %12.1f%n", row[0], clients, r.p50(),
                            r.p99(), r.requestsPerSecond());
                }
                System.out.printf(Locale.ROOT, "  → %d client(s): ours ÷ peer p50 %.2f, p99 %.2f, throughput %.2f×%n",
                        clients, ours.p50() / theirs.p50(), ours.p99() / theirs.p99(),
                        ours.requestsPerSecond() / theirs.requestsPerSecond());
            }
            System.out.println("  Keypoint agreement with the peer (px, Euclidean, all 17 keypoints): ours with "
                    + "refinement off (the same single pass) / ours as deployed (auto)");
            List<byte[]> images = new ArrayList<>(List.of(jpeg));
            List<String> names = new ArrayList<>(List.of("640×480 JPEG"));
            for (LabelledSet.Image image : LabelledSet.load(shared)) {
                images.add(image.bytes());
                names.add(image.name());
            }
            try (MoveNetEngine off = MoveNetEngine.load(model, EngineOptions.defaults().withWorkers(1)
                    .withRefinement(RefinementMode.OFF));
                 RawHttpClient peerClient = new RawHttpClient("127.0.0.1", peer.port);
                 RawHttpClient ourClient = new RawHttpClient("127.0.0.1", port)) {
                for (int i = 0; i < images.size(); i++) {
                    double[][] p = keypoints(peerClient.post("/invocations", "image/jpeg", images.get(i)).body());
                    double[][] o = keypoints(ourClient.post("/invocations", "image/jpeg", images.get(i)).body());
                    PosePrediction single = off.estimate(images.get(i));
                    double[][] s = new double[17][];
                    for (int k = 0; k < 17; k++) {
                        s[k] = new double[] {single.keypoints().get(k).x(), single.keypoints().get(k).y()};
                    }
                    System.out.printf(Locale.ROOT, "  %-26s off: max %6.1f mean %5.1f   auto: max %6.1f mean %5.1f%n",
                            names.get(i), distance(s, p, true), distance(s, p, false), distance(o, p, true),
                            distance(o, p, false));
                }
            }
        }
    }

    private static double distance(double[][] a, double[][] b, boolean max) {
        double worst = 0;
        double sum = 0;
        for (int k = 0; k < 17; k++) {
            double d = Math.hypot(a[k][0] - b[k][0], a[k][1] - b[k][1]);
            worst = Math.max(worst, d);
            sum += d;
        }
        return max ? worst : sum / 17;
    }

    private static final Pattern XY = Pattern.compile("\"x\":\\s*([-0-9.eE]+),\\s*\"y\":\\s*([-0-9.eE]+)");

    private static double[][] keypoints(String json) {
        double[][] result = new double[17][2];
        Matcher m = XY.matcher(json);
        for (int k = 0; k < 17; k++) {
            if (!m.find()) {
                throw new IllegalStateException("not 17 keypoints in " + json);
            }
            result[k][0] = Double.parseDouble(m.group(1));
            result[k][1] = Double.parseDouble(m.group(2));
        }
        return result;
    }
}
