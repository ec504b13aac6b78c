package com.poseops.pose;

import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.EndpointQueries;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.Invocation;
import com.poseops.inference.EngineOptions;
import com.poseops.inference.ErrorCode;
import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.image.ImageFormat;
import com.poseops.inference.image.ImageHeader;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.Text;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Pose page's work, the same in both modes: keep the upload first (so nothing is lost when the endpoint fails),
 * ask the endpoint, keep the prediction JSON, and give back what the page shows. Every call checks the role on the
 * server (VIEWER and up) and predictions are audited ({@code pose.predict}, {@code pose.retry}).
 */
public class PoseService {

    private static final Logger log = LoggerFactory.getLogger(PoseService.class);

    /** How many uploads the history shows. */
    public static final int HISTORY_SIZE = 12;
    /** Images over this many pixels are refused before decoding (the inference server's own limit). */
    public static final long MAX_IMAGE_PIXELS = EngineOptions.DEFAULT_MAX_IMAGE_PIXELS;
    private static final int MAX_FILE_NAME = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long ANNOTATED_CACHE_BYTES = 48L * 1024 * 1024;

    private final EndpointInvoker endpoint;
    private final UploadBlobStore blobs;
    private final UploadHistory history;
    private final Authorization authorization;
    private final AuditLog audit;
    private final Clock clock;
    private final EndpointQueries endpointQueries;
    /** DynamoDB writes that need not wait for each other (index entry, audit entry). */
    private final ExecutorService writer = Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon()
            .name("pose-writer-", 0).factory());
    private final ImageWorkBudget imageWork;
    private final AnnotatedPngCache annotated = new AnnotatedPngCache(ANNOTATED_CACHE_BYTES);

    public PoseService(EndpointInvoker endpoint, UploadBlobStore blobs, UploadHistory history,
            Authorization authorization, AuditLog audit, Clock clock, EndpointQueries endpointQueries,
            ImageWorkBudget imageWork) {
        this.imageWork = imageWork;
        this.endpoint = endpoint;
        this.blobs = blobs;
        this.history = history;
        this.authorization = authorization;
        this.audit = audit;
        this.clock = clock;
        this.endpointQueries = endpointQueries;
    }

    /** The endpoint as the console last saw it (the endpoints feature's one poller), for the page's status line. */
    public EndpointSnapshot endpoint() {
        return endpointQueries.current();
    }

    /** Listens to endpoint changes (from a background thread); run the returned handle to stop. */
    public Runnable onEndpointChange(Consumer<EndpointSnapshot> listener) {
        return endpointQueries.onChange(listener);
    }

    /**
     * Stores the upload, then predicts.
     *
     * @throws UploadRejectedException when the file is empty, too large or not a JPEG/PNG (nothing is stored)
     */
    public PoseOutcome predict(byte[] image, String fileName) {
        long started = System.nanoTime();
        CurrentUser user = authorization.require(Role.VIEWER, "pose.predict", "pose");
        String name = cleanFileName(fileName);
        ImageHeader header;
        try {
            header = check(image, name);
        } catch (UploadRejectedException e) {
            audit.record(user.username(), "pose.predict", "pose", Outcome.FAILURE,
                    "refused " + name + ": " + e.getMessage());
            throw e;
        }
        String contentType = header.format() == ImageFormat.PNG ? "image/png" : "image/jpeg";
        UploadRecord upload = new UploadRecord(UUID.randomUUID().toString(), user.username(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), name, contentType, image.length, null, null, null);
        blobs.put(user.username(), upload.id(), UploadBlobStore.Kind.IMAGE, image);
        // The thumbnail is made when the history first shows it (thumbnail()), off the path to the prediction.
        // The index entry is written while the endpoint works (it is issued before the request, so the upload is
        // listed even if the console dies meanwhile); the final entry waits for it so that it cannot be overwritten.
        CompletableFuture<Void> indexed = CompletableFuture.runAsync(() -> history.save(upload), writer);
        return invoke(user, upload, image, "pose.predict", started, indexed);
    }

    /** Sends a stored upload to the endpoint again (after an endpoint error, or to compare with a new model). */
    public PoseOutcome retry(UploadRecord upload) {
        long started = System.nanoTime();
        CurrentUser user = authorization.require(Role.VIEWER, "pose.retry", "upload/" + upload.id());
        UploadRecord stored = own(user, upload);
        byte[] image = blobs.get(user.username(), stored.id(), UploadBlobStore.Kind.IMAGE)
                .orElseThrow(() -> new UploadRejectedException("The image of this upload is no longer stored — "
                        + "upload it again."));
        return invoke(user, stored, image, "pose.retry", started, CompletableFuture.completedFuture(null));
    }

    /** Shows a stored upload again from its stored prediction, without a new inference. */
    public PoseOutcome show(UploadRecord upload) {
        CurrentUser user = authorization.require(Role.VIEWER, "pose.show", "upload/" + upload.id());
        UploadRecord stored = own(user, upload);
        if (!stored.predicted()) {
            return new PoseOutcome(stored, null, null, stored.variant(), null, null, null,
                    stored.error() == null ? "This upload has no prediction yet — retry it." : stored.error(), true,
                    null);
        }
        Optional<byte[]> json = blobs.get(user.username(), stored.id(), UploadBlobStore.Kind.PREDICTION);
        if (json.isEmpty()) {
            return new PoseOutcome(stored, null, null, stored.variant(), null, null, null,
                    "The stored prediction of this upload is missing — retry it to predict again.", true, null);
        }
        PoseResult result;
        try {
            result = PoseResultParser.parse(json.get());
        } catch (EndpointException e) {
            return new PoseOutcome(stored, null, null, stored.variant(), null, null, null,
                    "The stored prediction of this upload cannot be read — retry it to predict again.", true, null);
        }
        // Read here, where the record has just been checked, so that the page does not look it up a second time.
        byte[] image = blobs.get(user.username(), stored.id(), UploadBlobStore.Kind.IMAGE).orElse(null);
        return new PoseOutcome(stored, result, null, stored.variant(), null, null, null, null, true, image);
    }

    /** The signed-in user's uploads, newest first. */
    public List<UploadRecord> recent() {
        CurrentUser user = authorization.require(Role.VIEWER, "pose.history", "pose");
        return history.recent(user.username(), HISTORY_SIZE);
    }

    /** The uploaded image as it was sent. */
    public Optional<byte[]> image(UploadRecord upload) {
        CurrentUser user = authorization.require(Role.VIEWER, "pose.image", "upload/" + upload.id());
        return blobs.get(user.username(), own(user, upload).id(), UploadBlobStore.Kind.IMAGE);
    }

    /** A small JPEG for the history, made from the image the first time it is asked for and then kept. */
    public Optional<byte[]> thumbnail(UploadRecord upload) {
        CurrentUser user = CurrentUser.get();
        if (!user.has(Role.VIEWER) || !user.username().equals(upload.username())) {
            return Optional.empty();
        }
        Optional<byte[]> stored = blobs.get(user.username(), upload.id(), UploadBlobStore.Kind.THUMBNAIL);
        if (stored.isPresent()) {
            return stored;
        }
        Optional<byte[]> image = blobs.get(user.username(), upload.id(), UploadBlobStore.Kind.IMAGE);
        if (image.isEmpty()) {
            return Optional.empty();
        }
        try {
            ImageHeader header = ImageHeader.read(image.get(), image.get().length, MAX_IMAGE_PIXELS);
            byte[] thumbnail = imageWork.run((long) header.width() * header.height(),
                    () -> PoseImages.thumbnailJpeg(image.get(), header.orientation()));
            blobs.put(user.username(), upload.id(), UploadBlobStore.Kind.THUMBNAIL, thumbnail);
            return Optional.of(thumbnail);
        } catch (ImageRejectedException | IOException | RuntimeException e) {
            // A busy budget included: the placeholder shows, and the next view of the history tries again.
            log.debug("No thumbnail for upload {}: {}", upload.id(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * The image with the skeleton drawn on it (server-side, the overlay's colours) as a PNG of the image's size, at
     * most {@value PoseImages#MAX_ANNOTATED_SIDE} px on its longer side. Drawn once per prediction and threshold
     * (then cached), within the {@link ImageWorkBudget}.
     *
     * @throws BusyException when other large images are being drawn; the message says to try again
     */
    public byte[] annotatedPng(UploadRecord upload, PoseResult result, double threshold) {
        CurrentUser user = authorization.require(Role.VIEWER, "pose.download", "upload/" + upload.id());
        UploadRecord stored = own(user, upload);
        AnnotatedPngCache.Key key = AnnotatedPngCache.Key.of(user.username(), stored.id(), result, threshold);
        Optional<byte[]> cached = annotated.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] image = blobs.get(user.username(), stored.id(), UploadBlobStore.Kind.IMAGE)
                .orElseThrow(() -> new UploadRejectedException("The image of this upload is no longer stored."));
        try {
            ImageHeader header = ImageHeader.read(image, image.length, MAX_IMAGE_PIXELS);
            byte[] png = imageWork.run((long) header.width() * header.height(),
                    () -> PoseImages.annotatedPng(image, header.orientation(), result.keypoints(), threshold));
            annotated.put(key, png);
            return png;
        } catch (ImageRejectedException | IOException e) {
            throw new UploadRejectedException("The annotated image could not be drawn (" + e.getMessage() + ").");
        }
    }

    private PoseOutcome invoke(CurrentUser user, UploadRecord upload, byte[] image, String action, long started,
            CompletableFuture<Void> indexed) {
        String target = "upload/" + upload.id();
        EndpointPrediction prediction;
        try {
            Invocation invocation = endpoint.invoke(image, upload.contentType());
            prediction = new EndpointPrediction(PoseResultParser.parse(invocation.body()), invocation.endpointName(),
                    invocation.variant(), invocation.roundTrip());
        } catch (EndpointException e) {
            UploadRecord failed = new UploadRecord(upload.id(), upload.username(), upload.uploadedAt(),
                    upload.fileName(), upload.contentType(), upload.sizeBytes(), null, null, e.getMessage());
            String comment = e.reason().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage();
            writeBoth(indexed, () -> history.save(failed),
                    () -> audit.record(user.username(), action, target, Outcome.FAILURE, comment));
            return new PoseOutcome(failed, null, null, null, null, null, e.reason(), e.getMessage(), false, image);
        }
        PoseResult result = prediction.result();
        try {
            blobs.put(user.username(), upload.id(), UploadBlobStore.Kind.PREDICTION, JSON.writeValueAsBytes(result));
        } catch (UncheckedIOException e) {
            log.warn("Could not store the prediction of upload {}: {}", upload.id(), e.getMessage());
        }
        UploadRecord done = new UploadRecord(upload.id(), upload.username(), upload.uploadedAt(), upload.fileName(),
                upload.contentType(), upload.sizeBytes(), result.score(), prediction.variant(), null);
        String comment = String.format(Locale.ROOT, "%s: mean score %.2f, %s variant %s, endpoint %d ms",
                upload.fileName(), result.score(), prediction.endpointName(), prediction.variant(),
                prediction.roundTrip().toMillis());
        writeBoth(indexed, () -> history.save(done),
                () -> audit.record(user.username(), action, target, Outcome.SUCCESS, comment));
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        return new PoseOutcome(done, result, prediction.endpointName(), prediction.variant(), prediction.roundTrip(),
                total, null, null, false, image);
    }

    /** The final index entry and the audit entry, written at the same time; both are done when this returns. */
    private void writeBoth(CompletableFuture<Void> indexed, Runnable save, Runnable auditEntry) {
        CompletableFuture<Void> saved = indexed.thenRunAsync(save, writer);
        CompletableFuture<Void> audited = CompletableFuture.runAsync(auditEntry, writer);
        try {
            CompletableFuture.allOf(saved, audited).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The stored record, which must belong to the signed-in user (a record from elsewhere is not trusted). */
    private UploadRecord own(CurrentUser user, UploadRecord upload) {
        return history.find(user.username(), upload.id(), upload.uploadedAt())
                .orElseThrow(() -> new UploadRejectedException("This upload is not in your history."));
    }

    private static ImageHeader check(byte[] image, String name) {
        if (image.length == 0) {
            throw new UploadRejectedException("'" + name + "' is empty — choose a JPEG or PNG photo.");
        }
        if (image.length > EndpointInvoker.MAX_BODY_BYTES) {
            throw new UploadRejectedException(String.format(Locale.ROOT, "'%s' is %.1f MB; the limit is %d MB — "
                    + "upload a smaller image.", name, image.length / (1024.0 * 1024.0),
                    EndpointInvoker.MAX_BODY_BYTES / (1024 * 1024)));
        }
        try {
            ImageHeader header = ImageHeader.read(image, image.length, MAX_IMAGE_PIXELS);
            if (header.format() != ImageFormat.JPEG && header.format() != ImageFormat.PNG) {
                throw new UploadRejectedException("'" + name + "' is a " + header.format()
                        + " image; only JPEG and PNG can be used — convert it and upload again.");
            }
            return header;
        } catch (ImageRejectedException e) {
            // Said for the person at the page, not for an API client: what is wrong with the file and what to do.
            throw new UploadRejectedException(switch (e.code()) {
                case IMAGE_TOO_LARGE -> String.format(Locale.ROOT, "'%s' has more than %.0f megapixels — scale it "
                        + "down and upload it again.", name, MAX_IMAGE_PIXELS / 1e6);
                case UNSUPPORTED_MEDIA_TYPE -> "'" + name + "' is an image format PoseOps cannot use — convert it "
                        + "to JPEG or PNG and upload it again.";
                default -> "'" + name + "' is not a JPEG or PNG photo, whatever its name says: its content is "
                        + "something else, or the file is damaged. Choose a photo saved as JPEG or PNG.";
            });
        }
    }

    private static String cleanFileName(@Nullable String fileName) {
        String name = fileName == null ? "" : Text.printable(fileName, MAX_FILE_NAME);
        // Browsers send a bare name, some old ones a whole path.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return name.isEmpty() ? "upload" : name;
    }
}
