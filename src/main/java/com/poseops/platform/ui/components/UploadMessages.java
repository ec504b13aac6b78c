package com.poseops.platform.ui.components;

import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;

/**
 * The words an {@link Upload} uses when the browser refuses a file before sending it (too large, wrong type), written
 * for a person: they arrive in {@code FileRejectedEvent#getErrorMessage()} for the page to show. Replaces Vaadin's
 * defaults ("File is Too Big.", "Incorrect File Type.", "Too Many Files.").
 */
public final class UploadMessages {

    private UploadMessages() {
    }

    /**
     * @param expected what the page takes, e.g. "a JPEG or PNG image" or "a MoveNet .tflite model"
     * @param maxBytes the size limit the upload enforces
     */
    public static void apply(Upload upload, String expected, long maxBytes) {
        String limit = maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MB" : maxBytes / 1024 + " KB";
        UploadI18N i18n = new UploadI18N();
        i18n.setError(new UploadI18N.Error()
                .setFileIsTooBig("It is larger than " + limit + ": choose " + expected + " of at most " + limit + ".")
                .setIncorrectFileType("It is not " + expected + ": choose " + expected + ".")
                .setTooManyFiles("Choose one file at a time."));
        upload.setI18n(i18n);
    }
}
