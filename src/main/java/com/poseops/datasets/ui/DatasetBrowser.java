package com.poseops.datasets.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.inference.BodyPart;
import com.poseops.inference.labels.LabelledPose;
import com.poseops.platform.ui.components.PoseOverlay;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One dataset's images; the selected one is drawn with its truth keypoints (every label scores 1). */
class DatasetBrowser extends VerticalLayout {

    private final DatasetService service;
    private final H3 title = new H3();
    private final Span details = new Span();
    private final Grid<Dataset.Image> images = new Grid<>();
    private final PoseOverlay overlay = new PoseOverlay();
    private final Span error = new Span();
    private @Nullable Dataset shown;
    private Map<String, LabelledPose> labels = Map.of();

    DatasetBrowser(DatasetService service) {
        this.service = service;
        setId("dataset-browser");
        setPadding(false);
        title.setId("dataset-title");
        details.setId("dataset-details");
        error.setId("dataset-error");
        TonedText.apply(error, Tone.ERROR);
        overlay.setId("dataset-overlay");
        overlay.getStyle().setFlexGrow("2").setFlexBasis("24em").setMinWidth("12em");
        images.setId("dataset-images");
        images.addColumn(Dataset.Image::name).setHeader("Image").setAutoWidth(true);
        images.addColumn(i -> i.width() + "×" + i.height()).setHeader("Size").setAutoWidth(true);
        images.addColumn(i -> i.labelled() ? "yes" : "no").setHeader("Labelled").setAutoWidth(true);
        images.addColumn(i -> i.sha256().substring(0, 12)).setHeader("SHA-256").setAutoWidth(true);
        images.getStyle().setFlexGrow("1").setFlexBasis("20em");
        images.setHeight("22rem");
        images.addSelectionListener(selection -> selection.getFirstSelectedItem().ifPresent(this::draw));
        FlexLayout body = new FlexLayout(images, overlay);
        body.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        body.getStyle().setGap("1em");
        body.setWidthFull();
        add(title, details, error, body);
        show(null);
    }

    void show(@Nullable Dataset dataset) {
        shown = dataset;
        error.setText("");
        boolean present = dataset != null;
        images.setVisible(present);
        overlay.setVisible(false);
        if (dataset == null) {
            title.setText("Select a dataset to browse its images.");
            details.setText("");
            images.setItems(List.of());
            return;
        }
        title.setText(dataset.name());
        details.setText(dataset.labelledCount() + " of " + dataset.images().size() + " images labelled in "
                + dataset.labelFile() + " · " + dataset.source().label() + " · " + dataset.location());
        try {
            labels = service.labels(dataset.id());
        } catch (IllegalArgumentException e) {
            labels = Map.of();
            error.setText(e.getMessage());
        }
        images.setItems(dataset.images());
        dataset.images().stream().filter(Dataset.Image::labelled).findFirst().ifPresent(images::select);
    }

    private void draw(Dataset.Image image) {
        Dataset dataset = shown;
        if (dataset == null) {
            return;
        }
        byte[] bytes;
        try {
            bytes = service.image(dataset.id(), image.name());
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return;
        }
        error.setText("");
        overlay.setVisible(true);
        overlay.show(dataset.id() + "/" + image.name(), DownloadHandler.fromInputStream(event -> new DownloadResponse(
                new ByteArrayInputStream(bytes), image.name(), contentType(image.name()), bytes.length)).inline(),
                image.width(), image.height(), truthPoints(labels.get(image.name())));
    }

    /**
     * The 17 keypoints in COCO order (the overlay draws the skeleton by index): a labelled one scores 1 (a label is
     * certain), one that is not labelled scores 0, below any threshold, so it is not drawn.
     */
    static List<PoseOverlay.Point> truthPoints(@Nullable LabelledPose pose) {
        List<PoseOverlay.Point> points = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            boolean labelled = pose != null && pose.isLabelled(part);
            points.add(new PoseOverlay.Point(part.label(), labelled ? pose.x(part) : 0, labelled ? pose.y(part) : 0,
                    labelled ? 1.0 : 0.0));
        }
        return points;
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".png") ? "image/png" : lower.endsWith(".bmp") ? "image/bmp" : "image/jpeg";
    }

    // ---- for tests ----

    PoseOverlay overlay() {
        return overlay;
    }

    Grid<Dataset.Image> images() {
        return images;
    }
}
