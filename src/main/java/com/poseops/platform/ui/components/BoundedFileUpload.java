package com.poseops.platform.ui.components;

import com.vaadin.flow.function.SerializableRunnable;
import com.vaadin.flow.server.streams.FileUploadCallback;
import com.vaadin.flow.server.streams.TemporaryFileUploadHandler;
import com.vaadin.flow.server.streams.UploadEvent;
import java.io.IOException;

/**
 * An upload into a temporary file that refuses bodies over a limit on the server, not only in the browser: V25
 * uploads arrive as raw request bodies, so Spring's multipart limit does not apply. Used by every page that takes a
 * file (models, datasets).
 */
public final class BoundedFileUpload extends TemporaryFileUploadHandler {

    private final long limit;
    private final String tooLargeMessage;
    private final SerializableRunnable onRefused;

    /**
     * @param limit           the largest file accepted, in bytes
     * @param tooLargeMessage what the person is told when the file is larger
     */
    public BoundedFileUpload(long limit, String tooLargeMessage, FileUploadCallback callback) {
        this(limit, tooLargeMessage, callback, () -> { });
    }

    /**
     * @param onRefused runs in the page's UI after a body over the limit was refused (e.g. to empty the upload's file
     *                  list, so that the next file chosen is not taken for a second one)
     */
    public BoundedFileUpload(long limit, String tooLargeMessage, FileUploadCallback callback,
            SerializableRunnable onRefused) {
        super(callback);
        this.limit = limit;
        this.tooLargeMessage = tooLargeMessage;
        this.onRefused = onRefused;
    }

    @Override
    public long getFileSizeMax() {
        return limit;
    }

    @Override
    public long getRequestSizeMax() {
        return limit + 1024 * 1024;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        if (event.getFileSize() > limit) {
            event.reject(tooLargeMessage);
            event.getUI().access(onRefused::run);
            return;
        }
        super.handleUploadRequest(event);
    }
}
