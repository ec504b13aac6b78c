package com.poseops.registry.ui;

import com.poseops.platform.persistence.TempFiles;
import com.poseops.platform.ui.SessionTempFiles;
import com.poseops.registry.ModelUploadCheck;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.SerializableBiConsumer;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a model file into {@code <dataDir>/tmp}, never more than {@link ModelUploadCheck#MAX_MODEL_BYTES}: the limit
 * is counted while the body streams in, so a chunked body (no declared size) is cut off like a declared one. A
 * refused, broken off (cancelled) or failed upload leaves no file; a received one belongs to the browser session
 * until the dialog uses or discards it (and is deleted with the session, or at the next start, otherwise).
 */
final class ModelFileUpload implements UploadHandler {

    private static final Logger log = LoggerFactory.getLogger(ModelFileUpload.class);
    static final String TOO_LARGE = "The file is larger than 64 MB; a MoveNet model is smaller.";

    private final TempFiles tempFiles;
    private final SerializableBiConsumer<String, Path> received;
    private final SerializableConsumer<String> refused;

    /**
     * @param received called in the UI with the file name and the received file
     * @param refused  called in the UI with the reason
     */
    ModelFileUpload(TempFiles tempFiles, SerializableBiConsumer<String, Path> received,
            SerializableConsumer<String> refused) {
        this.tempFiles = tempFiles;
        this.received = received;
        this.refused = refused;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        String fileName = event.getFileName() == null ? "model.tflite" : event.getFileName();
        UI ui = event.getUI();
        if (event.getFileSize() > ModelUploadCheck.MAX_MODEL_BYTES) {
            refuse(event, ui, TOO_LARGE);
            return;
        }
        String owner = SessionTempFiles.owner(event.getSession());
        Path file;
        try {
            file = tempFiles.receive(owner, event.getInputStream(), ModelUploadCheck.MAX_MODEL_BYTES, ".tflite");
        } catch (TempFiles.TooLargeException e) {
            refuse(event, ui, TOO_LARGE);
            return;
        } catch (IOException e) {
            log.info("Model upload {} broke off or failed: {}", fileName, e.toString());
            refuse(event, ui, e instanceof com.poseops.platform.persistence.DiskFullException ? e.getMessage()
                    : "The upload broke off; nothing was kept. Choose the file again.");
            return;
        }
        ui.access(() -> received.accept(fileName, file));
    }

    private void refuse(UploadEvent event, UI ui, String reason) {
        event.reject(reason);
        ui.access(() -> refused.accept(reason));
    }

    @Override
    public long getFileSizeMax() {
        return ModelUploadCheck.MAX_MODEL_BYTES;
    }

    @Override
    public long getRequestSizeMax() {
        return ModelUploadCheck.MAX_MODEL_BYTES + 1024 * 1024;
    }
}
