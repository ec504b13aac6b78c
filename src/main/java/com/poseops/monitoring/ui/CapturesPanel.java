package com.poseops.monitoring.ui;

import com.poseops.monitoring.CaptureSummary;
import com.poseops.monitoring.CapturesService;
import com.poseops.monitoring.MetricsUnavailableException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.annotation.UIScope;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The newest captured requests: time, variant, the model's own time, a thumbnail with the keypoints drawn. Clicking one
 * opens it on the Pose page.
 */
@SpringComponent
@UIScope
class CapturesPanel extends Div {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** A transparent 1×1 GIF for a capture whose image cannot be shown small. */
    private static final byte[] PLACEHOLDER_GIF = java.util.Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final CapturesService captures;
    private final Grid<CaptureSummary> grid = new Grid<>();
    private final Span status = new Span();
    private final Map<String, Image> images = new java.util.HashMap<>();

    CapturesPanel(CapturesService captures) {
        this.captures = captures;
        setWidthFull();
        status.setId("captures-status");
        status.getStyle().setColor("var(--vaadin-text-color-secondary, #666)");
        grid.setId("monitoring-captures");
        grid.addComponentColumn(this::thumbnail).setHeader("").setWidth("110px").setFlexGrow(0);
        grid.addColumn(c -> TIME.format(c.at())).setHeader("Time").setAutoWidth(true);
        grid.addColumn(CaptureSummary::variant).setHeader("Variant").setAutoWidth(true);
        grid.addColumn(c -> c.modelMillis() == null ? "—" : String.format(Locale.ROOT, "%.0f ms", c.modelMillis()))
                .setHeader("Model time").setAutoWidth(true);
        grid.addColumn(c -> c.keypoints() == null ? "not a prediction" : c.keypoints() + " of 17")
                .setHeader("Keypoints ≥ 0.3").setFlexGrow(1);
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate("pose",
                QueryParameters.of("capture", click.getItem().id()))));
        grid.setAllRowsVisible(true);
        add(new H3("Captured requests"), status, grid);
        show(captures::recent);
    }

    /** At a refresh pushed by the console's refresher (without the person's security context). */
    void refresh() {
        show(captures::refreshed);
    }

    private void show(java.util.function.Supplier<List<CaptureSummary>> source) {
        List<CaptureSummary> recent;
        String dropped = captures.dropped() == 0 ? ""
                : " · " + captures.dropped() + " captures dropped since start (queue full; requests were not slowed)";
        try {
            recent = source.get();
        } catch (MetricsUnavailableException e) {
            status.setText(e.getMessage());
            grid.setVisible(false);
            return;
        }
        images.keySet().retainAll(recent.stream().map(CaptureSummary::id).toList());
        status.setText(captures.describe() + dropped + (recent.isEmpty()
                ? " — no captured requests yet: send requests to the endpoint and they show here." : " — click one to "
                + "open it on the Pose page."));
        grid.setItems(recent);
        grid.setVisible(!recent.isEmpty());
    }

    List<CaptureSummary> shown() {
        return grid.getListDataView().getItems().toList();
    }

    private Image thumbnail(CaptureSummary capture) {
        return images.computeIfAbsent(capture.id(), id -> {
            Image image = new Image(DownloadHandler.fromInputStream(event -> {
                byte[] jpeg = captures.thumbnail(id).orElse(PLACEHOLDER_GIF);
                return new DownloadResponse(new ByteArrayInputStream(jpeg), "capture.jpg",
                        jpeg == PLACEHOLDER_GIF ? "image/gif" : "image/jpeg", jpeg.length);
            }).inline(), "Captured request at " + TIME.format(capture.at()) + " with its keypoints");
            image.setMaxHeight("80px");
            image.setMaxWidth("100px");
            return image;
        });
    }
}
