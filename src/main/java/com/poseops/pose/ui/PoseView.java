package com.poseops.pose.ui;

import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.ui.EndpointStatusBar;
import com.poseops.platform.Text;
import com.poseops.pose.BusyException;
import com.poseops.pose.CaptureViewer;
import com.poseops.pose.PoseOutcome;
import com.poseops.pose.PoseResult;
import com.poseops.pose.PoseService;
import com.poseops.pose.UploadRecord;
import com.poseops.pose.UploadRejectedException;
import com.poseops.platform.ui.components.PoseOverlay;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.platform.ui.components.UploadMessages;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Upload a JPEG or PNG, see the 17 keypoints and the skeleton drawn over it, read them in a table, download the
 * annotated PNG, and go back to earlier uploads. The endpoint's status is pushed to the page as it changes.
 */
@Route("pose")
@PageTitle("Pose · PoseOps")
@Menu(order = 10, title = "Pose", icon = "vaadin:male")
@PermitAll
class PoseView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    static final String UPLOAD_HINT = "JPEG or PNG, up to " + EndpointInvoker.MAX_BODY_BYTES / (1024 * 1024)
            + " MB — drop a photo here or choose one.";

    /** Images up to this size go to the browser inside the page update (a data: URL), larger ones by a request. */
    static final int INLINE_IMAGE_BYTES = 256 * 1024;
    /** A transparent 1×1 GIF for an upload whose image cannot be shown small. */
    private static final byte[] PLACEHOLDER_GIF = java.util.Base64.getDecoder()
            .decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final PoseService service;
    private final CaptureViewer captureViewer;
    private final EndpointStatusBar endpointStatus;
    private final Upload upload;
    private final Div error = new Div();
    private final PoseOverlay overlay = new PoseOverlay();
    private final Span modelName = new Span();
    private final Span latency = new Span();
    private final Span endpoint = new Span();
    private final Span source = new Span();
    private final Anchor download = new Anchor();
    private final Grid<PoseResult.Keypoint> keypointGrid = new Grid<>();
    private final FlexLayout result = new FlexLayout();
    private final Grid<UploadRecord> historyGrid = new Grid<>();
    private final Div historyEmpty = new Div();
    private final java.util.Map<String, Image> thumbnails = new java.util.HashMap<>();
    private List<UploadRecord> recent = List.of();
    private @Nullable Runnable statusSubscription;
    private @Nullable PoseOutcome shown;

    PoseView(PoseService service, CaptureViewer captureViewer) {
        this.service = service;
        this.captureViewer = captureViewer;
        setWidthFull();
        add(new H2("Pose"));

        endpointStatus = new EndpointStatusBar("The Pose page cannot predict.");
        add(endpointStatus);

        upload = new Upload(new BoundedImageUpload(this::accept, this::refuseTooLarge));
        upload.setId("pose-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(EndpointInvoker.MAX_BODY_BYTES);
        upload.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        upload.setDropAllowed(true);
        UploadMessages.apply(upload, "a JPEG or PNG photo", EndpointInvoker.MAX_BODY_BYTES);
        upload.addFileRejectedListener(rejected -> showError("'" + Text.printable(rejected.getFileName(), 200)
                + "' was not sent. " + rejected.getErrorMessage()));
        Span hint = new Span(UPLOAD_HINT);
        hint.setId("upload-hint");
        TonedText.apply(hint, Tone.NEUTRAL);
        add(upload, hint);

        error.setId("pose-error");
        error.setVisible(false);
        TonedText.apply(error, Tone.ERROR);
        error.getStyle().setFontWeight("600");
        add(error);

        add(resultSection());
        add(historySection());

        showStatus(service.endpoint());
        refreshHistory();
    }

    private FlexLayout resultSection() {
        overlay.setId("pose-overlay");
        overlay.getStyle().setFlexGrow("2").setFlexBasis("30em").setMinWidth("16em");
        keypointGrid.setId("pose-keypoints");
        keypointGrid.addColumn(PoseResult.Keypoint::name).setHeader("Keypoint").setAutoWidth(true);
        keypointGrid.addColumn(k -> String.format(Locale.ROOT, "%.1f", k.x())).setHeader("x");
        keypointGrid.addColumn(k -> String.format(Locale.ROOT, "%.1f", k.y())).setHeader("y");
        keypointGrid.addColumn(k -> String.format(Locale.ROOT, "%.2f", k.score())).setHeader("score");
        // Which points the overlay draws at the current threshold: the table and the picture never disagree.
        keypointGrid.addComponentColumn(k -> k.score() >= overlay.threshold()
                ? StatusBadge.of("drawn", Tone.SUCCESS) : StatusBadge.of("below threshold", Tone.NEUTRAL))
                .setHeader("on the image").setAutoWidth(true).setKey("drawn");
        keypointGrid.setPartNameGenerator(k -> k.score() >= overlay.threshold() ? null : "below-threshold");
        keypointGrid.setAllRowsVisible(true);
        overlay.onThresholdChange(threshold -> keypointGrid.getDataProvider().refreshAll());
        modelName.setId("pose-model");
        latency.setId("pose-latency");
        endpoint.setId("pose-endpoint");
        source.setId("pose-source");
        download.setId("pose-download");
        download.setText("Download annotated PNG");
        download.setHref(DownloadHandler.fromInputStream(event -> {
            throw new IllegalStateException("nothing to download yet");
        }));
        VerticalLayout details = new VerticalLayout(modelName, latency, endpoint, source, download, keypointGrid);
        details.setPadding(false);
        details.setSpacing(false);
        details.getStyle().setFlexGrow("1").setFlexBasis("20em");
        result.add(overlay, details);
        result.setId("pose-result");
        result.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        result.getStyle().setGap("var(--vaadin-gap-m, 1rem)");
        result.setWidthFull();
        result.setAlignItems(FlexComponent.Alignment.START);
        result.setVisible(false);
        return result;
    }

    private Div historySection() {
        historyGrid.setId("pose-history");
        historyGrid.addComponentColumn(this::thumbnail).setHeader("").setWidth("90px").setFlexGrow(0);
        historyGrid.addColumn(upload -> TIME.format(upload.uploadedAt())).setHeader("Time").setAutoWidth(true);
        historyGrid.addColumn(UploadRecord::fileName).setHeader("File").setAutoWidth(true);
        historyGrid.addColumn(upload -> upload.meanScore() == null ? "—"
                : String.format(Locale.ROOT, "%.2f", upload.meanScore())).setHeader("Mean score");
        historyGrid.addComponentColumn(this::statusOrRetry).setHeader("Status").setFlexGrow(1);
        historyGrid.addItemClickListener(click -> {
            if (click.getItem().predicted()) {
                display(service.show(click.getItem()));
            }
        });
        historyGrid.setAllRowsVisible(true);
        historyEmpty.setId("pose-history-empty");
        historyEmpty.setText("No uploads yet.");
        Div section = new Div(new H3("Recent uploads"), historyEmpty, historyGrid);
        section.setWidthFull();
        return section;
    }

    private com.vaadin.flow.component.Component thumbnail(UploadRecord upload) {
        // One component per upload, kept: a grid refresh then does not make the browser fetch every thumbnail again.
        return thumbnails.computeIfAbsent(upload.id(), id -> newThumbnail(upload));
    }

    private Image newThumbnail(UploadRecord upload) {
        // Fetched (and made, the first time) when the browser asks for it, not while the page is being updated.
        Image image = new Image(DownloadHandler.fromInputStream(event -> {
            byte[] jpeg = service.thumbnail(upload).orElse(PLACEHOLDER_GIF);
            return new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(jpeg),
                    "thumbnail.jpg", jpeg == PLACEHOLDER_GIF ? "image/gif" : "image/jpeg", jpeg.length);
        }).inline(), "Thumbnail of " + upload.fileName());
        image.setMaxHeight("64px");
        image.setMaxWidth("80px");
        return image;
    }

    private com.vaadin.flow.component.Component statusOrRetry(UploadRecord upload) {
        if (upload.predicted()) {
            Span ok = new Span("predicted" + (upload.variant() == null ? "" : " (" + upload.variant() + ")"));
            return ok;
        }
        Span why = new Span(upload.error() == null ? "not predicted" : upload.error());
        why.getStyle().setFontSize("var(--aura-font-size-s, 0.875rem)").setWhiteSpace(com.vaadin.flow.dom.Style.WhiteSpace.NORMAL);
        Button retry = new Button("Retry", click -> display(service.retry(upload)));
        retry.setId("retry-" + upload.id());
        retry.addThemeVariants(ButtonVariant.SMALL);
        Div cell = new Div(retry, why);
        cell.getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.FLEX).setGap("0.5em")
                .setAlignItems(com.vaadin.flow.dom.Style.AlignItems.CENTER);
        return cell;
    }

    private void refuseTooLarge(String fileName) {
        upload.clearFileList();
        showError("'" + Text.printable(fileName, 200) + "' is too large: the limit is "
                + EndpointInvoker.MAX_BODY_BYTES / (1024 * 1024) + " MB — upload a smaller image.");
    }

    /** The upload arrives here (inside UI.access, on the upload request's thread, with the user's security context). */
    private void accept(String fileName, byte[] bytes) {
        upload.clearFileList();
        try {
            display(service.predict(bytes, fileName));
        } catch (UploadRejectedException e) {
            showError(e.getMessage());
        }
    }

    /** {@code /pose?capture=<id>}: a captured request opened from the Monitoring page. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> capture = event.getLocation().getQueryParameters().getParameters().get("capture");
        if (capture != null && !capture.isEmpty()) {
            try {
                display(captureViewer.show(capture.getFirst()));
            } catch (UploadRejectedException e) {
                showError(e.getMessage());
            }
        }
    }

    void display(PoseOutcome outcome) {
        boolean captured = CaptureViewer.isCapture(outcome.upload());
        if (!captured) {
            remember(outcome.upload());
        }
        if (!outcome.succeeded()) {
            showError(outcome.error() == null ? "The prediction failed — retry it from the history." : outcome.error());
            return;
        }
        hideError();
        PoseResult prediction = outcome.result();
        shown = outcome;
        UploadRecord record = outcome.upload();
        // The service hands over the image it received or read; it is read again only if it did not.
        byte[] image = outcome.image() != null ? outcome.image() : service.image(record).orElse(new byte[0]);
        if (image.length <= INLINE_IMAGE_BYTES) {
            // Sent with the page update: the overlay is complete without another request.
            overlay.show(record.id(), "data:" + record.contentType() + ";base64,"
                    + java.util.Base64.getEncoder().encodeToString(image), prediction.image().width(),
                    prediction.image().height(), points(prediction));
        } else {
            overlay.show(record.id(), DownloadHandler.fromInputStream(event -> new com.vaadin.flow.server.streams
                    .DownloadResponse(new java.io.ByteArrayInputStream(image), record.fileName(),
                    record.contentType(), image.length)).inline(), prediction.image().width(),
                    prediction.image().height(), points(prediction));
        }
        keypointGrid.setItems(prediction.keypoints());
        PoseResult.Model model = prediction.model();
        modelName.setText("Model: " + model.name() + " (" + model.inputSize() + " px, " + model.inputType() + ")");
        PoseResult.Timings t = prediction.timingsMs();
        StringBuilder timing = new StringBuilder(String.format(Locale.ROOT,
                "Inference %.0f ms (endpoint total %.0f ms)", t.inference(), t.total()));
        if (outcome.endpointRoundTrip() != null) {
            timing.append(" · round trip ").append(millis(outcome.endpointRoundTrip()));
        }
        if (outcome.total() != null) {
            timing.append(" · total ").append(millis(outcome.total()));
        }
        latency.setText(timing.toString());
        endpoint.setText("Endpoint: " + (outcome.endpointName() == null ? service.endpoint().endpointName() : outcome.endpointName())
                + (outcome.variant() == null ? "" : " · variant " + outcome.variant()));
        source.setText(captured ? "Captured by the endpoint (its answer then, no new inference) — " + record.fileName()
                : outcome.fromHistory() ? "Shown from the history (no new inference) — " + record.fileName()
                : "New prediction — " + record.fileName());
        String pngName = baseName(record.fileName()) + "-pose.png";
        download.setHref(DownloadHandler.fromInputStream(event -> {
            byte[] png;
            try {
                png = captured ? captureViewer.annotatedPng(record, prediction, overlay.threshold())
                        : service.annotatedPng(record, prediction, overlay.threshold());
            } catch (BusyException | UploadRejectedException e) {
                // Said on the page too: a browser shows a failed download without the server's text.
                event.getUI().access(() -> showError(e.getMessage()));
                return com.vaadin.flow.server.streams.DownloadResponse.error(
                        e instanceof BusyException ? 503 : 404, e.getMessage());
            }
            return new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(png), pngName,
                    "image/png", png.length);
        }), AttachmentType.DOWNLOAD);
        result.setVisible(true);
    }

    private void refreshHistory() {
        recent = service.recent();
        showHistory();
    }

    /** Puts a new or changed upload on top of the history without asking the database again. */
    private void remember(UploadRecord upload) {
        if (!recent.isEmpty() && recent.getFirst().equals(upload)) {
            return; // shown again from the history: nothing changed
        }
        List<UploadRecord> next = new java.util.ArrayList<>(recent);
        boolean known = next.removeIf(other -> other.id().equals(upload.id()));
        next.add(0, upload);
        if (known) {
            next.sort(java.util.Comparator.comparing(UploadRecord::uploadedAt).reversed());
        }
        recent = List.copyOf(next.subList(0, Math.min(next.size(), PoseService.HISTORY_SIZE)));
        thumbnails.keySet().retainAll(recent.stream().map(UploadRecord::id).toList());
        showHistory();
    }

    private void showHistory() {
        historyGrid.setItems(recent);
        historyGrid.setVisible(!recent.isEmpty());
        historyEmpty.setVisible(recent.isEmpty());
    }

    void showStatus(EndpointSnapshot snapshot) {
        endpointStatus.show(snapshot);
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    private void hideError() {
        error.setText("");
        error.setVisible(false);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        statusSubscription = service.onEndpointChange(snapshot -> ui.access(() -> showStatus(snapshot)));
        showStatus(service.endpoint());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (statusSubscription != null) {
            statusSubscription.run();
            statusSubscription = null;
        }
        super.onDetach(detachEvent);
    }

    // ---- for tests in this package ----

    PoseOverlay overlay() {
        return overlay;
    }

    Optional<String> errorMessage() {
        return error.isVisible() ? Optional.of(error.getText()) : Optional.empty();
    }

    @Nullable PoseOutcome shown() {
        return shown;
    }

    /** The prediction's keypoints as the shared overlay draws them. */
    private static List<PoseOverlay.Point> points(PoseResult prediction) {
        return prediction.keypoints().stream()
                .map(k -> new PoseOverlay.Point(k.name(), k.x(), k.y(), k.score())).toList();
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
