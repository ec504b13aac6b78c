package com.poseops.registry.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.platform.ui.components.UploadMessages;
import com.poseops.registry.InvalidModelException;
import com.poseops.registry.ModelUploadCheck;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.function.SerializableRunnable;
import com.vaadin.flow.server.streams.FileUploadCallback;
import com.vaadin.flow.server.streams.TemporaryFileUploadHandler;
import com.vaadin.flow.server.streams.UploadEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/** Upload a .tflite and describe it; the service checks the model, registers it and starts its evaluation. */
class RegisterDialog extends Dialog {

    private static final Logger log = LoggerFactory.getLogger(RegisterDialog.class);

    private final Upload upload = new Upload();
    private final TextArea description = new TextArea("Description");
    private final Span uploaded = new Span("No file chosen yet.");
    private final Span error = new Span();
    private volatile @Nullable Path file;
    private volatile @Nullable String fileName;

    RegisterDialog(RegistryService service, Consumer<ModelVersion> onRegistered) {
        setId("register-dialog");
        setHeaderTitle("Register a model version");
        upload.setId("model-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) ModelUploadCheck.MAX_MODEL_BYTES);
        upload.setAcceptedFileTypes(".tflite");
        UploadMessages.apply(upload, "a MoveNet .tflite model", ModelUploadCheck.MAX_MODEL_BYTES);
        upload.setUploadHandler(new LimitedUpload((metadata, temp) -> {
            discardFile();
            file = temp.toPath();
            fileName = metadata.fileName();
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> {
                    // The list is emptied after every file, so that choosing another one (say, after this one is
                    // refused on "Register") is never taken for a second file.
                    upload.clearFileList();
                    error.setText("");
                    uploaded.setText("Received " + metadata.fileName() + " (" + metadata.contentLength() + " bytes).");
                });
            }
        }, () -> upload.clearFileList()));
        upload.addFileRejectedListener(rejected -> error.setText("Refused " + rejected.getFileName() + ": "
                + rejected.getErrorMessage()));
        uploaded.setId("uploaded-file");
        description.setId("model-description");
        description.setRequired(true);
        description.setMaxLength(RegistryService.MAX_DESCRIPTION);
        description.setHelperText("What changed in this version (required).");
        description.setWidth("32rem");
        error.setId("register-error");
        TonedText.apply(error, Tone.ERROR);

        Button confirm = new Button("Register");
        confirm.setId("confirm-register");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        confirm.addClickListener(click -> {
            error.setText("");
            Path chosen = file;
            if (chosen == null) {
                error.setText("Choose a .tflite file first.");
                return;
            }
            try {
                ModelVersion version = service.register(chosen, fileName == null ? "model.tflite" : fileName,
                        description.getValue());
                discardFile();
                close();
                Notification.show("Registered version " + version.version() + "; its evaluation runs now.", 5000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
                onRegistered.accept(version);
            } catch (InvalidModelException | IllegalArgumentException | AccessDeniedException e) {
                error.setText(e.getMessage() + (e instanceof InvalidModelException ? " Choose another file." : ""));
            }
        });
        Button cancel = new Button("Cancel", click -> close());
        cancel.setId("cancel-register");
        addOpenedChangeListener(change -> {
            if (!change.isOpened()) {
                discardFile();
            }
        });
        add(upload, uploaded, description, error);
        getFooter().add(cancel, confirm);
    }

    private void discardFile() {
        Path previous = file;
        file = null;
        if (previous != null) {
            try {
                Files.deleteIfExists(previous);
            } catch (IOException e) {
                log.warn("Could not delete the uploaded file {}: {}", previous, e.getMessage());
            }
        }
    }

    /** A temporary-file upload that refuses bodies over the model limit on the server, not only in the browser. */
    static final class LimitedUpload extends TemporaryFileUploadHandler {

        private final SerializableRunnable onRefused;

        /** @param onRefused runs in the page's UI when a body over the limit was refused */
        LimitedUpload(FileUploadCallback callback, SerializableRunnable onRefused) {
            super(callback);
            this.onRefused = onRefused;
        }

        @Override
        public long getFileSizeMax() {
            return ModelUploadCheck.MAX_MODEL_BYTES;
        }

        @Override
        public long getRequestSizeMax() {
            return ModelUploadCheck.MAX_MODEL_BYTES + 1024 * 1024;
        }

        @Override
        public void handleUploadRequest(UploadEvent event) throws IOException {
            if (event.getFileSize() > ModelUploadCheck.MAX_MODEL_BYTES) {
                event.reject("The file is larger than 64 MB; a MoveNet model is smaller.");
                event.getUI().access(onRefused::run);
                return;
            }
            super.handleUploadRequest(event);
        }
    }
}
