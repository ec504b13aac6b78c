package com.poseops.platform.ui.components;

import com.poseops.platform.SkeletonStyle;
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
 * Server side of {@code <pose-overlay>} (src/main/frontend/components/pose-overlay.ts), the console's one drawing of
 * keypoints and skeleton over an image: predictions on the Pose page, truth labels in the dataset browser. The element
 * draws client-side and reports slider moves, so hiding low-score points needs no round trip; the server keeps the
 * threshold (the Pose page's PNG download uses it). Colours come from {@link SkeletonStyle}.
 */
@Tag("pose-overlay")
@JsModule("./components/pose-overlay.ts")
public class PoseOverlay extends Component {

    /** One keypoint in pixels of the image as displayed; {@code score} 0..1 (a label scores 1). */
    public record Point(String name, double x, double y, double score) {
    }

    private double threshold = SkeletonStyle.DEFAULT_THRESHOLD;
    private List<Point> keypoints = List.of();
    private final List<DoubleConsumer> thresholdListeners = new ArrayList<>();

    public PoseOverlay() {
        getElement().setAttribute("left-color", SkeletonStyle.LEFT.css());
        getElement().setAttribute("right-color", SkeletonStyle.RIGHT.css());
        getElement().setAttribute("centre-color", SkeletonStyle.CENTRE.css());
        getElement().setProperty("threshold", threshold);
        getElement().addEventListener("threshold-changed",
                event -> applyThreshold(event.getEventData().get("event.detail.value").asDouble()))
                .addEventData("event.detail.value");
    }

    /** Shows an image (its upright size in pixels) and its keypoints; the element hides those below threshold. */
    public void show(String imageId, DownloadHandler image, int width, int height, List<Point> points) {
        getElement().setAttribute("src", image);
        showKeypoints(imageId, width, height, points);
    }

    /** @param imageUrl e.g. a {@code data:} URL */
    public void show(String imageId, String imageUrl, int width, int height, List<Point> points) {
        getElement().setAttribute("src", imageUrl);
        showKeypoints(imageId, width, height, points);
    }

    private void showKeypoints(String imageId, int width, int height, List<Point> points) {
        this.keypoints = List.copyOf(points);
        getElement().setProperty("imageWidth", width);
        getElement().setProperty("imageHeight", height);
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (Point k : points) {
            ObjectNode point = json.addObject();
            point.put("name", k.name());
            point.put("x", k.x());
            point.put("y", k.y());
            point.put("score", k.score());
        }
        getElement().setPropertyJson("keypoints", json);
        // Lets scripts (and the benchmark) tell one picture from the next when the image is the same.
        getElement().setAttribute("data-upload-id", imageId);
    }

    public double threshold() {
        return threshold;
    }

    /** The keypoints the element draws at the current threshold (what it mirrors in {@code data-keypoints}). */
    public List<Point> drawnKeypoints() {
        return keypoints.stream().filter(k -> k.score() >= threshold).toList();
    }

    /** What a slider move does; public so that browserless tests can move it. */
    public void applyThreshold(double value) {
        threshold = Math.max(0, Math.min(1, value));
        getElement().setProperty("threshold", threshold);
        thresholdListeners.forEach(listener -> listener.accept(threshold));
    }

    /** Calls {@code listener} after every slider move (e.g. so that the keypoint table marks what is hidden). */
    public void onThresholdChange(DoubleConsumer listener) {
        thresholdListeners.add(listener);
    }
}
