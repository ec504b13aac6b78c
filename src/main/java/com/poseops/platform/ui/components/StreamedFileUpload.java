package com.poseops.platform.ui.components;

import com.poseops.platform.persistence.DiskFullException;
import com.poseops.platform.persistence.TempFiles;
import com.poseops.platform.ui.SessionTempFiles;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.SerializableBiConsumer;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives an uploaded file into {@code <dataDir>/tmp}, never more than a limit: the limit is counted while the body
 * streams in, so a chunked body (no declared size) is cut off like a declared one (V25 uploads arrive as raw request
 * bodies; Spring's multipart limit does not apply). A refused, broken off or failed upload leaves no file; a received
 * one belongs to the browser session until the page uses or discards it through {@link TempFiles#delete} (and is
 * deleted with the session, or at the next start, otherwise). Every page that takes a file uses this one handler.
 */
public final class StreamedFileUpload implements UploadHandler {

    private static final Logger log = LoggerFactory.getLogger(StreamedFileUpload.class);

    private final TempFiles tempFiles;
    private final long limit;
    private final String suffix;
    private final String tooLargeMessage;
    private final SerializableBiConsumer<String, Path> received;
    private final SerializableConsumer<String> refused;

    /**
     * @param limit           the largest file accepted, in bytes
     * @param suffix          the temporary file's suffix, e.g. {@code .zip}
     * @param tooLargeMessage what the person is told when the file is larger
     * @param received        called in the page's UI with the file name and the received file
     * @param refused         called in the page's UI with the reason
     */
    public StreamedFileUpload(TempFiles tempFiles, long limit, String suffix, String tooLargeMessage,
            SerializableBiConsumer<String, Path> received, SerializableConsumer<String> refused) {
        this.tempFiles = tempFiles;
        this.limit = limit;
        this.suffix = suffix;
        this.tooLargeMessage = tooLargeMessage;
        this.received = received;
        this.refused = refused;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        String fileName = event.getFileName() == null ? "upload" + suffix : event.getFileName();
        UI ui = event.getUI();
        if (event.getFileSize() > limit) {
            refuse(event, ui, tooLargeMessage);
            return;
        }
        Path file;
        try {
            file = tempFiles.receive(SessionTempFiles.owner(event.getSession()), event.getInputStream(), limit, suffix);
        } catch (TempFiles.TooLargeException e) {
            refuse(event, ui, tooLargeMessage);
            return;
        } catch (IOException e) {
            log.info("Upload {} broke off or failed: {}", fileName, e.toString());
            refuse(event, ui, e instanceof DiskFullException ? e.getMessage()
                    : "The upload broke off; nothing was kept. Choose the file again.");
            return;
        }
        ui.access(() -> received.accept(fileName, file));
    }

    /** What a page says once a file has arrived: its name and size. */
    public static String receivedText(String fileName, Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        return "Received " + fileName + " (" + size + " bytes).";
    }

    /** Deletes a received file the page no longer needs (called in the page's UI, whose session owns the file). */
    public static void discard(TempFiles tempFiles, @Nullable Path file) {
        UI ui = UI.getCurrent();
        if (file != null && ui != null) {
            tempFiles.delete(SessionTempFiles.owner(ui.getSession()), file);
        }
    }

    private void refuse(UploadEvent event, UI ui, String reason) {
        event.reject(reason);
        ui.access(() -> refused.accept(reason));
    }

    @Override
    public long getFileSizeMax() {
        return limit;
    }

    @Override
    public long getRequestSizeMax() {
        return limit + 1024 * 1024;
    }
}
