package com.poseops.inference.server;

import com.poseops.inference.EngineOptions;
import com.poseops.inference.MoveNetEngine;
import com.poseops.inference.PoseEstimator;
import com.poseops.inference.TestData;
import com.poseops.inference.TestImages;
import com.poseops.inference.bench.LabelledSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP server over real sockets with the real model: contract, every refusal, overload, readiness. */
class InferenceServerTest {

    private static final List<String> COCO_ORDER = List.of("nose", "left_eye", "right_eye", "left_ear", "right_ear",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip",
            "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static InferenceServer server;
    private static InferenceServer fullDecode;
    private static HttpClient client;
    private static byte[] image2;
    private static BufferedImage image2Pixels;

    @BeforeAll
    static void startServer() throws Exception {
        image2 = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        image2Pixels = ImageIO.read(new ByteArrayInputStream(image2));
        ServerConfig config = ServerConfig.defaults().withBindAddress("127.0.0.1").withPort(0).withCapacity(2, 8);
        server = InferenceServer.start(config, () -> {
            MoveNetEngine engine = MoveNetEngine.load(TestData.lightningInt8Model(), config.engineOptions());
            engine.warmUp();
            return engine;
        });
        server.readiness().get(60, TimeUnit.SECONDS);
        fullDecode = InferenceServer.start(config, () -> MoveNetEngine.loadWarmedUp(TestData.lightningInt8Model(),
                config.engineOptions().withWorkers(1).withReducedResolutionDecode(false)));
        fullDecode.readiness().get(60, TimeUnit.SECONDS);
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
        if (fullDecode != null) {
            fullDecode.stop();
        }
    }

    // ------------------------------------------------------------------ contract

    @Test
    void responseMatchesTheDocumentedJsonContract() throws Exception {
        HttpResponse<byte[]> response = post(server, "image/jpeg", image2);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.propertyNames()).containsExactlyInAnyOrder("model", "image", "keypoints", "score",
                "refinement", "timingsMs");

        JsonNode model = root.get("model");
        assertThat(model.propertyNames()).containsExactlyInAnyOrder("name", "inputSize", "inputType", "sha256");
        assertThat(model.get("name").isString()).isTrue();
        assertThat(model.get("name").stringValue()).isEqualTo("movenet_singlepose_lightning_int8_4");
        assertThat(model.get("inputSize").isInt()).isTrue();
        assertThat(model.get("inputSize").intValue()).isEqualTo(192);
        assertThat(model.get("inputType").stringValue()).isEqualTo("uint8");
        assertThat(model.get("sha256").stringValue()).matches("[0-9a-f]{64}")
                .isEqualTo(com.poseops.inference.engine.ModelFile.sha256(TestData.lightningInt8Model()));

        JsonNode image = root.get("image");
        assertThat(image.propertyNames()).containsExactlyInAnyOrder("width", "height");
        assertThat(image.get("width").isInt()).isTrue();
        assertThat(image.get("width").intValue()).isEqualTo(image2Pixels.getWidth());
        assertThat(image.get("height").intValue()).isEqualTo(image2Pixels.getHeight());

        JsonNode keypoints = root.get("keypoints");
        assertThat(keypoints.isArray()).isTrue();
        assertThat(keypoints.size()).isEqualTo(17);
        double scoreSum = 0;
        for (int i = 0; i < 17; i++) {
            JsonNode k = keypoints.get(i);
            assertThat(k.propertyNames()).containsExactlyInAnyOrder("name", "x", "y", "score");
            assertThat(k.get("name").stringValue()).isEqualTo(COCO_ORDER.get(i));
            assertThat(k.get("x").isNumber()).isTrue();
            assertThat(k.get("y").isNumber()).isTrue();
            assertThat(k.get("score").isNumber()).isTrue();
            assertThat(k.get("x").doubleValue()).isBetween(0.0, (double) image2Pixels.getWidth());
            assertThat(k.get("y").doubleValue()).isBetween(0.0, (double) image2Pixels.getHeight());
            assertThat(k.get("score").doubleValue()).isBetween(0.0, 1.0);
            scoreSum += k.get("score").doubleValue();
        }
        assertThat(root.get("score").isNumber()).isTrue();
        assertThat(root.get("score").doubleValue()).isCloseTo(scoreSum / 17, org.assertj.core.data.Offset.offset(1e-3));

        JsonNode refinement = root.get("refinement");
        assertThat(refinement.propertyNames()).containsExactlyInAnyOrder("mode", "ran", "region");
        assertThat(refinement.get("mode").stringValue()).isEqualTo("auto");
        assertThat(refinement.get("ran").isBoolean()).isTrue();

        JsonNode timings = root.get("timingsMs");
        assertThat(timings.propertyNames()).containsExactlyInAnyOrder("decode", "preprocess", "inference",
                "postprocess", "total", "firstPass", "secondPass");
        for (String name : List.of("decode", "preprocess", "inference", "postprocess", "total")) {
            assertThat(timings.get(name).isNumber()).as(name).isTrue();
            assertThat(timings.get(name).doubleValue()).as(name).isGreaterThanOrEqualTo(0);
        }
        assertThat(timings.get("total").doubleValue()).isGreaterThanOrEqualTo(timings.get("inference").doubleValue());
        assertThat(timings.get("firstPass").propertyNames()).containsExactlyInAnyOrder("decode", "preprocess",
                "inference");
        assertThat(timings.get("secondPass").isNull()).isEqualTo(!refinement.get("ran").booleanValue());
    }

    /**
     * A small person off-centre on a large canvas: {@code auto} runs the second pass on the crop region around them,
     * the response says so with the region and both passes' timings, the keypoints land on the person (within the
     * upstream 21 px of the truth moved with the picture) and the model time is the sum of both passes.
     */
    @Test
    void smallOffCentrePersonIsRefinedAndTheResponseSaysSo() throws Exception {
        LabelledSet.Image small = LabelledSet.load(TestData.sharedDir()).stream()
                .filter(i -> i.name().equals("image2 small, bottom-left")).findFirst().orElseThrow();
        HttpResponse<byte[]> response = post(server, "image/jpeg", small.bytes());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());

        JsonNode refinement = root.get("refinement");
        assertThat(refinement.get("ran").booleanValue()).isTrue();
        JsonNode region = refinement.get("region");
        assertThat(region.propertyNames()).containsExactlyInAnyOrder("x", "y", "size");
        double x = region.get("x").doubleValue();
        double y = region.get("y").doubleValue();
        double size = region.get("size").doubleValue();
        assertThat(size).as("region side").isLessThan(0.5 * 1280);
        for (int i = 0; i < 17; i++) {
            JsonNode k = root.get("keypoints").get(i);
            assertThat(k.get("x").doubleValue()).as("x of %s", COCO_ORDER.get(i))
                    .isCloseTo(small.truth()[i][0], org.assertj.core.data.Offset.offset(21.0))
                    .isBetween(x, x + size);
            assertThat(k.get("y").doubleValue()).as("y of %s", COCO_ORDER.get(i))
                    .isCloseTo(small.truth()[i][1], org.assertj.core.data.Offset.offset(21.0))
                    .isBetween(y, y + size);
        }
        JsonNode timings = root.get("timingsMs");
        double first = timings.get("firstPass").get("inference").doubleValue();
        double second = timings.get("secondPass").get("inference").doubleValue();
        assertThat(first).isPositive();
        assertThat(second).isPositive();
        assertThat(timings.get("inference").doubleValue()).isCloseTo(first + second,
                org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void pingAnswers200WhenReady() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(server, "/ping")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ refusals

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("empty body", "image/jpeg", () -> new byte[0], 400, "invalid_image"),
                bad("garbage bytes", "image/jpeg", () -> randomBytes(5000), 400, "invalid_image"),
                bad("truncated JPEG", "image/jpeg", () -> Arrays.copyOf(image2, image2.length * 6 / 10), 400,
                        "invalid_image"),
                bad("JPEG cut inside its header", "image/jpeg", () -> Arrays.copyOf(image2, 100), 400,
                        "invalid_image"),
                bad("GIF sent as image/png", "image/png", () -> TestImages.encode(image2Pixels, "gif"), 415,
                        "unsupported_media_type"),
                bad("text sent as application/x-image", "application/x-image",
                        () -> "hello, this is not an image".getBytes(StandardCharsets.UTF_8), 400, "invalid_image"),
                bad("JPEG sent as text/plain", "text/plain", () -> image2, 415, "unsupported_media_type"),
                bad("JPEG without Content-Type", null, () -> image2, 415, "unsupported_media_type"),
                bad("body over 6 MiB", "image/jpeg", () -> new byte[6 * 1024 * 1024 + 1], 413, "payload_too_large"),
                bad("PNG header claiming 50000×50000", "image/png", () -> TestImages.pngHeaderOnly(50_000, 50_000),
                        413, "image_too_large"),
                bad("JPEG header claiming 65000×65000", "image/jpeg", () -> TestImages.jpegHeaderOnly(65_000, 65_000),
                        413, "image_too_large"),
                bad("hostile PNG header claiming 0×0", "image/png", () -> TestImages.pngHeaderOnly(0, 0), 400,
                        "invalid_image"),
                bad("hostile PNG header with a negative width", "image/png", () -> TestImages.pngHeaderOnly(-1, 100),
                        400, "invalid_image"),
                bad("hostile JPEG header claiming 0 lines", "image/jpeg", () -> TestImages.jpegHeaderOnly(640, 0),
                        400, "invalid_image"),
                bad("JPEG whose segment length runs past the end", "image/jpeg", () -> new byte[] {
                        (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0},
                        400, "invalid_image"),
                bad("PNG with a valid 100×100 header and no pixel data", "image/png",
                        () -> TestImages.pngHeaderOnly(100, 100), 400, "invalid_image"),
                bad("decompression-bomb PNG (8000×8000 black, ~60 KB)", "image/png",
                        () -> TestImages.blackPng(8000, 8000), 413, "image_too_large"));
    }

    private static Arguments bad(String name, String contentType, Supplier<byte[]> body, int status, String code) {
        return Arguments.of(name, contentType, body, status, code);
    }

    @ParameterizedTest(name = "{0} → {3} {4}")
    @MethodSource("badRequests")
    void badInputGetsItsErrorCodeAndTheServerKeepsServing(String name, String contentType, Supplier<byte[]> body,
                                                          int status, String code) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = post(server, contentType, body.get());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.propertyNames()).containsExactlyInAnyOrder("code", "message");
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        String message = error.get("message").stringValue();
        assertThat(message).as("a sentence for a person, no stack trace").hasSizeGreaterThan(20)
                .doesNotContain("Exception", "\tat ", ".java:");
        assertThat(millis).as("refused quickly").isLessThan(5_000);

        assertThat(post(server, "image/jpeg", image2).statusCode()).as("still serving after: " + name).isEqualTo(200);
    }

    @Test
    void unknownPathAndWrongMethodAreRefusedWithJson() throws Exception {
        HttpResponse<byte[]> notFound = client.send(HttpRequest.newBuilder(uri(server, "/predict"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(image2)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(notFound.body()).get("error").get("code").stringValue()).isEqualTo("not_found");

        HttpResponse<byte[]> wrongMethod = client.send(HttpRequest.newBuilder(uri(server, "/invocations")).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).get("error").get("code").stringValue())
                .isEqualTo("method_not_allowed");
    }

    // ------------------------------------------------------------------ accepted variants

    /**
     * Re-encoding alone moves the int8 model's keypoints (its output is quantised in steps of ~2.6 px here, and a
     * different JPEG encoding of the same photo moved a keypoint by up to 18 px in our measurements), so this checks
     * acceptance and "same pose" loosely; exact colour handling is checked on pixels in ImageDecodingTest.
     */
    @Test
    void cmykGreyProgressiveAndAlphaImagesAreAccepted() throws Exception {
        JsonNode reference = JSON.readTree(post(server, "image/jpeg", image2).body());
        byte[] image1 = Files.readAllBytes(TestData.tensorflowExamples("image1.png"));
        assertThat(ImageIO.read(new ByteArrayInputStream(image1)).getColorModel().hasAlpha()).isTrue();

        record Variant(String name, String contentType, byte[] body) {
        }
        List<Variant> variants = List.of(
                new Variant("CMYK JPEG (Adobe, inverted)", "image/jpeg", TestImages.cmykJpeg(image2Pixels)),
                new Variant("greyscale JPEG", "image/jpeg", TestImages.greyJpeg(image2Pixels)),
                new Variant("progressive JPEG", "image/jpeg", TestImages.jpeg(image2Pixels, 0.92f, true)),
                new Variant("JPEG as application/x-image", "application/x-image", image2));
        for (Variant v : variants) {
            HttpResponse<byte[]> response = post(server, v.contentType(), v.body());
            assertThat(response.statusCode()).as(v.name() + ": " + new String(response.body())).isEqualTo(200);
            JsonNode json = JSON.readTree(response.body());
            assertThat(json.get("image").get("width").intValue()).as(v.name()).isEqualTo(image2Pixels.getWidth());
            assertThat(json.get("image").get("height").intValue()).as(v.name()).isEqualTo(image2Pixels.getHeight());
            double distance = maxKeypointDistance(reference, json, 0.5);
            System.out.printf("%s vs the original JPEG: max %.1f px (keypoints scoring ≥ 0.5)%n", v.name(), distance);
            assertThat(distance).as(v.name() + ": same pose as the original JPEG").isLessThanOrEqualTo(25);
            assertThat(json.get("score").doubleValue()).as(v.name() + ": a confident pose").isGreaterThan(0.4);
        }
        HttpResponse<byte[]> png = post(server, "image/png", image1);
        assertThat(png.statusCode()).as("RGBA PNG").isEqualTo(200);
        assertThat(JSON.readTree(png.body()).get("image").get("height").intValue()).isEqualTo(640);
    }

    /**
     * A photo stored sideways with an EXIF Orientation tag (6 or 8, as phones write them) gives the keypoints of the
     * upright picture. The upright reference is made of the very same decoded pixels, turned by the test and sent as
     * a lossless PNG, so the only difference left is the server's orientation handling.
     */
    @Test
    void exifRotatedJpegGivesTheSameKeypointsAsTheUprightOne() throws Exception {
        for (int orientation : new int[] {6, 8}) {
            BufferedImage stored = orientation == 6 ? TestImages.storedForOrientation6(image2Pixels)
                    : TestImages.storedForOrientation8(image2Pixels);
            byte[] storedJpeg = TestImages.jpeg(stored, 0.95f, false);
            byte[] rotated = TestImages.withExifOrientation(storedJpeg, orientation);
            BufferedImage decodedStored = ImageIO.read(new ByteArrayInputStream(storedJpeg));
            byte[] uprightPng = TestImages.encode(orientation == 6 ? rotateClockwise(decodedStored)
                    : rotateCounterClockwise(decodedStored), "png");

            // Full-size decoding, so that the JPEG (TurboJPEG) and the PNG (ImageIO) give the same pixels and the only
            // difference left is the orientation (the scaled decodes are checked per orientation in
            // ImageDecodingTest).
            HttpResponse<byte[]> response = post(fullDecode, "image/jpeg", rotated);
            HttpResponse<byte[]> upright = post(fullDecode, "image/png", uprightPng);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(upright.statusCode()).isEqualTo(200);
            JsonNode json = JSON.readTree(response.body());
            assertThat(json.get("image").get("width").intValue()).isEqualTo(image2Pixels.getWidth());
            assertThat(json.get("image").get("height").intValue()).isEqualTo(image2Pixels.getHeight());
            double distance = maxKeypointDistance(JSON.readTree(upright.body()), json, 0.0);
            System.out.printf("EXIF orientation %d vs upright: max %.1f px over all 17 keypoints%n", orientation,
                    distance);
            assertThat(distance).as("orientation %d", orientation).isLessThanOrEqualTo(3);
        }
        // And the rotated photo is not mistaken for a sideways person: same pose as the original, loosely.
        JsonNode original = JSON.readTree(post(server, "image/jpeg", image2).body());
        JsonNode rotated = JSON.readTree(post(server, "image/jpeg", TestImages.withExifOrientation(
                TestImages.jpeg(TestImages.storedForOrientation6(image2Pixels), 0.95f, false), 6)).body());
        assertThat(maxKeypointDistance(original, rotated, 0.5)).isLessThanOrEqualTo(25);
    }

    @Test
    void largeButAllowedPngIsDecodedAtReducedResolution() throws Exception {
        // 36 MP (under the 40 MP limit) but 35 KB: a full-size raster would take 36 MB; subsampling keeps it small.
        byte[] png = TestImages.blackPng(6000, 6000);
        HttpResponse<byte[]> response = post(server, "image/png", png);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("image").get("width").intValue()).isEqualTo(6000);
    }

    // ------------------------------------------------------------------ overload and readiness

    @Test
    void whenWorkersAndQueueAreFullRequestsAreRefusedQuicklyWith503() throws Exception {
        ServerConfig tiny = ServerConfig.defaults().withBindAddress("127.0.0.1").withPort(0).withCapacity(1, 1);
        InferenceServer small = InferenceServer.start(tiny, () -> {
            MoveNetEngine engine = MoveNetEngine.load(TestData.lightningInt8Model(), EngineOptions.defaults()
                    .withWorkers(1).withReducedResolutionDecode(false));
            engine.warmUp();
            return engine;
        });
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            small.readiness().get(60, TimeUnit.SECONDS);
            // A large body makes each request take a few ms of decoding, so 24 simultaneous ones cannot all fit.
            byte[] big = TestImages.jpeg(TestImages.scaled(image2Pixels, 3), 0.95f, false);
            List<Integer> statuses = new ArrayList<>();
            List<Long> overloadedMillis = new ArrayList<>();
            for (int round = 0; round < 5 && !statuses.contains(503); round++) {
                CyclicBarrier start = new CyclicBarrier(clients);
                List<Future<long[]>> results = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = post(small, "image/jpeg", big);
                        long millis = (System.nanoTime() - t0) / 1_000_000;
                        if (r.statusCode() == 503) {
                            assertThat(JSON.readTree(r.body()).get("error").get("code").stringValue())
                                    .isEqualTo("overloaded");
                        }
                        return new long[] {r.statusCode(), millis};
                    }));
                }
                for (Future<long[]> f : results) {
                    long[] r = f.get(60, TimeUnit.SECONDS);
                    statuses.add((int) r[0]);
                    if (r[0] == 503) {
                        overloadedMillis.add(r[1]);
                    }
                }
            }
            Set<Integer> distinct = new TreeSet<>(statuses);
            System.out.printf("overload: %d × 200, %d × 503 (503 answered in ≤ %d ms)%n",
                    statuses.stream().filter(s -> s == 200).count(), overloadedMillis.size(),
                    overloadedMillis.stream().mapToLong(Long::longValue).max().orElse(0));
            assertThat(distinct).as("every answer is 200 or 503").isSubsetOf(Set.of(200, 503));
            assertThat(statuses).contains(200, 503);
            assertThat(overloadedMillis).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
            assertThat(post(small, "image/jpeg", image2).statusCode()).as("serves again after the burst").isEqualTo(200);
        } finally {
            pool.shutdownNow();
            small.stop();
        }
    }

    @Test
    void pingIs503UntilTheModelIsLoadedAndWarmedUp() throws Exception {
        CountDownLatch warmUpMayFinish = new CountDownLatch(1);
        ServerConfig config = ServerConfig.defaults().withBindAddress("127.0.0.1").withPort(0).withCapacity(1, 1);
        InferenceServer slow = InferenceServer.start(config, () -> {
            MoveNetEngine engine = MoveNetEngine.load(TestData.lightningInt8Model(), config.engineOptions());
            warmUpMayFinish.await(); // a warm-up that does not finish until the test says so
            engine.warmUp();
            return engine;
        });
        try {
            HttpResponse<byte[]> ping = client.send(HttpRequest.newBuilder(uri(slow, "/ping")).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ping.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ping.body()).get("error").get("code").stringValue()).isEqualTo("model_not_ready");
            HttpResponse<byte[]> early = post(slow, "image/jpeg", image2);
            assertThat(early.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(early.body()).get("error").get("code").stringValue())
                    .isEqualTo("model_not_ready");

            warmUpMayFinish.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status = 503;
            while (status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                status = client.send(HttpRequest.newBuilder(uri(slow, "/ping")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            assertThat(status).isEqualTo(200);
            assertThat(post(slow, "image/jpeg", image2).statusCode()).isEqualTo(200);
        } finally {
            warmUpMayFinish.countDown();
            slow.stop();
        }
    }

    /**
     * Drain on stop: requests accepted before {@code stop()} (one running, held in the estimator by a gate, three
     * queued) are all answered 200 with a pose; while they drain, /ping and new requests get 503 model_not_ready;
     * stop() returns only after the last one, and then the engine is closed.
     */
    @Test
    void stopAnswersEveryAcceptedRequestThenRefusesNewOnes() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ServerConfig config = ServerConfig.defaults().withBindAddress("127.0.0.1").withPort(0).withCapacity(1, 8);
        InferenceServer stopping = InferenceServer.start(config, () -> new GatedEstimator(
                MoveNetEngine.loadWarmedUp(TestData.lightningInt8Model(), config.engineOptions()), gate));
        PoseEstimator estimator = stopping.readiness().get(60, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<byte[]>>> accepted = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                accepted.add(pool.submit(() -> post(stopping, "image/jpeg", image2)));
            }
            await("all four requests accepted", () -> stopping.inFlight() == 4);

            Thread stopper = Thread.ofPlatform().start(stopping::stop);
            await("stop() begun", stopping::isStopping);
            HttpResponse<byte[]> refused = post(stopping, "image/jpeg", image2);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).get("error").get("code").stringValue())
                    .isEqualTo("model_not_ready");
            assertThat(client.send(HttpRequest.newBuilder(uri(stopping, "/ping")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(503);
            assertThat(stopper.isAlive()).as("stop() waits for the accepted requests").isTrue();
            assertThat(stopping.inFlight()).isEqualTo(4);

            gate.countDown();
            for (Future<HttpResponse<byte[]>> f : accepted) {
                HttpResponse<byte[]> r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as("an accepted request is answered").isEqualTo(200);
                assertThat(JSON.readTree(r.body()).get("keypoints").size()).isEqualTo(17);
            }
            stopper.join(Duration.ofSeconds(60));
            assertThat(stopper.isAlive()).isFalse();
            assertThat(stopping.inFlight()).isZero();
            assertThat(org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> estimator.estimate(image2)).getMessage()).contains("closed");
        } finally {
            gate.countDown();
            pool.shutdownNow();
            stopping.stop();
        }
    }

    /**
     * A 40 MP progressive CMYK JPEG (the hardening probe's memory bomb) goes to the heavy lane: two of them at once are
     * both answered, and normal requests keep being answered 200 meanwhile instead of waiting behind them.
     */
    @Test
    void heavyImagesDoNotStarveNormalRequests() throws Exception {
        byte[] heavy = TestImages.cmykJpeg(image2Pixels, 8000, 5000, true);
        com.poseops.inference.image.ImageHeader header = com.poseops.inference.image.ImageHeader.read(heavy,
                heavy.length, Long.MAX_VALUE);
        assertThat(header.components()).isEqualTo(4);
        assertThat(header.progressive()).isTrue();
        assertThat(header.pixels()).isEqualTo(40_000_000L);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long t0 = System.nanoTime();
            List<Future<HttpResponse<byte[]>>> heavyResponses = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                heavyResponses.add(pool.submit(() -> post(server, "image/jpeg", heavy)));
            }
            int normal = 0;
            List<Integer> normalStatuses = new ArrayList<>();
            while (heavyResponses.stream().anyMatch(f -> !f.isDone()) && normal < 2000) {
                normalStatuses.add(post(server, "image/jpeg", image2).statusCode());
                normal++;
            }
            double heavySeconds = (System.nanoTime() - t0) / 1e9;
            for (Future<HttpResponse<byte[]>> f : heavyResponses) {
                HttpResponse<byte[]> r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).get("image").get("width").intValue()).isEqualTo(8000);
            }
            System.out.printf("two 40 MP progressive CMYK JPEGs (%,d bytes) answered in %.1f s; %d normal requests "
                    + "answered meanwhile%n", heavy.length, heavySeconds, normal);
            assertThat(normalStatuses).as("normal requests while the heavy ones decode").allMatch(st -> st == 200);
            assertThat(normal).as("normal requests answered while the heavy ones decode").isGreaterThanOrEqualTo(3);
            assertThat(heavySeconds).as("both heavy images answered (the probe measured 23 s)").isLessThan(20);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<byte[]> post(InferenceServer target, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target, "/invocations"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for: %s", what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The real engine, with every estimation held until the gate opens: keeps requests in flight on demand. */
    private record GatedEstimator(PoseEstimator engine, CountDownLatch gate) implements PoseEstimator {
        @Override
        public com.poseops.inference.PosePrediction estimate(byte[] encodedImage)
                throws com.poseops.inference.ImageRejectedException {
            return estimate(encodedImage, encodedImage.length);
        }

        @Override
        public com.poseops.inference.PosePrediction estimate(byte[] buffer, int length)
                throws com.poseops.inference.ImageRejectedException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return engine.estimate(buffer, length);
        }

        @Override
        public com.poseops.inference.PosePrediction estimate(BufferedImage image) {
            return engine.estimate(image);
        }

        @Override
        public String jpegDecoder() {
            return engine.jpegDecoder();
        }

        @Override
        public com.poseops.inference.ModelInfo model() {
            return engine.model();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    private static URI uri(InferenceServer target, String path) {
        return URI.create("http://127.0.0.1:" + target.port() + path);
    }

    /** Largest distance (L-inf, px) between the keypoints of two responses, over keypoints scoring ≥ minScore in both. */
    private static double maxKeypointDistance(JsonNode a, JsonNode b, double minScore) {
        double max = 0;
        for (int i = 0; i < 17; i++) {
            JsonNode ka = a.get("keypoints").get(i);
            JsonNode kb = b.get("keypoints").get(i);
            if (ka.get("score").doubleValue() < minScore || kb.get("score").doubleValue() < minScore) {
                continue;
            }
            max = Math.max(max, Math.max(Math.abs(ka.get("x").doubleValue() - kb.get("x").doubleValue()),
                    Math.abs(ka.get("y").doubleValue() - kb.get("y").doubleValue())));
        }
        return max;
    }

    /** Rotates 90° clockwise: what a viewer shows for EXIF orientation 6. */
    private static BufferedImage rotateClockwise(BufferedImage src) {
        BufferedImage dst = new BufferedImage(src.getHeight(), src.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                dst.setRGB(src.getHeight() - 1 - y, x, src.getRGB(x, y));
            }
        }
        return dst;
    }

    /** Rotates 90° counter-clockwise: what a viewer shows for EXIF orientation 8. */
    private static BufferedImage rotateCounterClockwise(BufferedImage src) {
        BufferedImage dst = new BufferedImage(src.getHeight(), src.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                dst.setRGB(y, src.getWidth() - 1 - x, src.getRGB(x, y));
            }
        }
        return dst;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
