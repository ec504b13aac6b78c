package com.poseops.pose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Answers of the inference server in the JSON contract, as mutable maps that a test can spoil on purpose. */
public final class PredictionJson {

    public static final String MODEL_SHA256 = "cd7cc22f" + "0".repeat(45) + "f27f91bb105";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PredictionJson() {
    }

    /** A valid prediction for an image of the given size; keypoint i lies at (x(i), y(i)) with score score(i). */
    public static Map<String, Object> prediction(int width, int height) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", new LinkedHashMap<>(Map.of("name", "movenet_singlepose_lightning_int8_4.tflite",
                "inputSize", 192, "inputType", "uint8", "sha256", MODEL_SHA256)));
        root.put("image", new LinkedHashMap<>(Map.of("width", width, "height", height)));
        List<Object> keypoints = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < PoseResult.KEYPOINT_NAMES.size(); i++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("name", PoseResult.KEYPOINT_NAMES.get(i));
            point.put("x", x(i, width));
            point.put("y", y(i, height));
            point.put("score", score(i));
            keypoints.add(point);
            sum += score(i);
        }
        root.put("keypoints", keypoints);
        root.put("score", sum / PoseResult.KEYPOINT_NAMES.size());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("decode", 2.5);
        timings.put("preprocess", 1.25);
        timings.put("inference", 13.0);
        timings.put("postprocess", 0.5);
        timings.put("total", 17.25);
        root.put("timingsMs", timings);
        return root;
    }

    public static double x(int i, int width) {
        return width * (0.3 + 0.02 * i);
    }

    public static double y(int i, int height) {
        return height * (0.1 + 0.05 * i);
    }

    public static double score(int i) {
        return 0.5 + 0.02 * i;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> keypoint(Map<String, Object> prediction, int index) {
        return (Map<String, Object>) ((List<Object>) prediction.get("keypoints")).get(index);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public static String error(String code, String message) {
        return json(Map.of("error", Map.of("code", code, "message", message)));
    }
}
