package com.poseops.pose.ui;

import com.poseops.pose.PoseResult;
import com.poseops.pose.SkeletonStyle;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server side of {@code <pose-overlay>} (src/main/frontend/components/pose-overlay.ts): the image, its keypoints and
 * the score threshold. The element draws client-side and reports slider moves, so hiding low-score points needs no
 * new inference; the server keeps the threshold for the PNG download.
 */
@Tag("pose-overlay")
@JsModule("./components/pose-overlay.ts")
class PoseOverlay extends Component {

    private double threshold = SkeletonStyle.DEFAULT_THRESHOLD;
    private List<PoseResult.Keypoint> keypoints = List.of();
    private final List<DoubleConsumer> thresholdListeners = new ArrayList<>();

    PoseOverlay() {
        setId("pose-overlay");
        getElement().setAttribute("left-color", SkeletonStyle.LEFT.css());
        getElement().setAttribute("right-color", SkeletonStyle.RIGHT.css());
        getElement().setAttribute("centre-color", SkeletonStyle.CENTRE.css());
        getElement().setProperty("threshold", threshold);
        getElement().addEventListener("threshold-changed",
                event -> applyThreshold(event.getEventData().get("event.detail.value").asDouble()))
                .addEventData("event.detail.value");
    }

    /** Shows an image (its upright size in pixels) and all 17 keypoints; the element hides those below threshold. */
    void show(String uploadId, DownloadHandler image, int width, int height, List<PoseResult.Keypoint> points) {
        getElement().setAttribute("src", image);
        showKeypoints(uploadId, width, height, points);
    }

    /** @param imageUrl e.g. a {@code data:} URL */
    void show(String uploadId, String imageUrl, int width, int height, List<PoseResult.Keypoint> points) {
        getElement().setAttribute("src", imageUrl);
        showKeypoints(uploadId, width, height, points);
    }

    private void showKeypoints(String uploadId, int width, int height, List<PoseResult.Keypoint> points) {
        this.keypoints = List.copyOf(points);
        getElement().setProperty("imageWidth", width);
        getElement().setProperty("imageHeight", height);
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (PoseResult.Keypoint k : points) {
            ObjectNode point = json.addObject();
            point.put("name", k.name());
            point.put("x", k.x());
            point.put("y", k.y());
            point.put("score", k.score());
        }
        getElement().setPropertyJson("keypoints", json);
        // Lets scripts (and the benchmark) tell one prediction from the next when the image is the same.
        getElement().setAttribute("data-upload-id", uploadId);
    }

    double threshold() {
        return threshold;
    }

    /** The keypoints the element draws at the current threshold (what it mirrors in {@code data-keypoints}). */
    List<PoseResult.Keypoint> drawnKeypoints() {
        return keypoints.stream().filter(k -> k.score() >= threshold).toList();
    }

    /** What a slider move does; package-private so that browserless tests can move it. */
    void applyThreshold(double value) {
        threshold = Math.max(0, Math.min(1, value));
        getElement().setProperty("threshold", threshold);
        thresholdListeners.forEach(listener -> listener.accept(threshold));
    }

    /** Calls {@code listener} after every slider move (e.g. so that the keypoint table marks what is hidden). */
    void onThresholdChange(DoubleConsumer listener) {
        thresholdListeners.add(listener);
    }
}
