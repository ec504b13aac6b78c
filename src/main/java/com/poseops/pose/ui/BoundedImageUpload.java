package com.poseops.pose.ui;

import com.poseops.endpoints.EndpointInvoker;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.SerializableBiConsumer;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.IOException;
import java.io.InputStream;

/**
 * Receives one image into memory, but never more than {@link EndpointInvoker#MAX_BODY_BYTES}: V25 uploads arrive as
 * raw request bodies, so neither Spring's multipart limit nor the browser's own check protects the server from a
 * client that sends more. Declared sizes above the limit are refused by Vaadin before reading (the size-max methods);
 * an undeclared (chunked) body is cut at limit + 1 byte and refused.
 */
final class BoundedImageUpload implements UploadHandler {

    static final int LIMIT = EndpointInvoker.MAX_BODY_BYTES;

    private final SerializableBiConsumer<String, byte[]> received;
    private final SerializableConsumer<String> tooLarge;

    BoundedImageUpload(SerializableBiConsumer<String, byte[]> received, SerializableConsumer<String> tooLarge) {
        this.received = received;
        this.tooLarge = tooLarge;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        byte[] bytes;
        try (InputStream in = event.getInputStream()) {
            bytes = in.readNBytes(LIMIT + 1);
        }
        String fileName = event.getFileName() == null ? "" : event.getFileName();
        UI ui = event.getUI();
        if (bytes.length > LIMIT) {
            event.reject("The file is larger than " + LIMIT / (1024 * 1024) + " MB.");
            ui.access(() -> tooLarge.accept(fileName));
            return;
        }
        ui.access(() -> received.accept(fileName, bytes));
    }

    @Override
    public long getFileSizeMax() {
        return LIMIT;
    }

    @Override
    public long getRequestSizeMax() {
        return LIMIT + 64 * 1024; // multipart headers and boundaries around one file
    }
}
