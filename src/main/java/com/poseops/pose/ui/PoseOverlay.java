package com.poseops.pose.ui;

import com.poseops.pose.SkeletonStyle;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Server side of {@code <pose-overlay>} (src/main/frontend/components/pose-overlay.ts): the image, its keypoints and
 * the score threshold. The element draws client-side and reports slider moves, so hiding low-score points needs no
 * new inference.
 */
@Tag("pose-overlay")
@JsModule("./components/pose-overlay.ts")
class PoseOverlay extends Component {

    /** A keypoint as the element draws it: pixels of the oriented original image. */
    record DrawnKeypoint(String name, double x, double y, double score) {
    }

    private double threshold = SkeletonStyle.DEFAULT_THRESHOLD;

    PoseOverlay() {
        setId("pose-overlay");
        getElement().setAttribute("left-color", SkeletonStyle.LEFT.css());
        getElement().setAttribute("right-color", SkeletonStyle.RIGHT.css());
        getElement().setAttribute("centre-color", SkeletonStyle.CENTRE.css());
        getElement().setProperty("threshold", threshold);
        getElement().addEventListener("threshold-changed", event -> {
            threshold = event.getEventData().get("event.detail.value").asDouble();
        }).addEventData("event.detail.value");
    }

    void show(DownloadHandler image, int width, int height, List<DrawnKeypoint> keypoints) {
        getElement().setAttribute("src", image);
        getElement().setProperty("imageWidth", width);
        getElement().setProperty("imageHeight", height);
        getElement().setPropertyList("keypoints", keypoints);
    }

    double threshold() {
        return threshold;
    }

    void onThresholdChange(DoubleConsumer listener) {
        getElement().addEventListener("threshold-changed",
                event -> listener.accept(event.getEventData().get("event.detail.value").asDouble()))
                .addEventData("event.detail.value");
    }
}
