package com.poseops.platform.ui.components;

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

    /**
     * @param limit           the largest file accepted, in bytes
     * @param tooLargeMessage what the person is told when the file is larger
     */
    public BoundedFileUpload(long limit, String tooLargeMessage, FileUploadCallback callback) {
        super(callback);
        this.limit = limit;
        this.tooLargeMessage = tooLargeMessage;
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
            return;
        }
        super.handleUploadRequest(event);
    }
}
