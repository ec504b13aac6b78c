package com.poseops.registry.ui;

import com.poseops.platform.persistence.TempFiles;
import com.poseops.platform.ui.components.StreamedFileUpload;
import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.platform.ui.components.UploadMessages;
import com.poseops.registry.InvalidModelException;
import com.poseops.registry.ModelUploadCheck;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/** Upload a .tflite and describe it; the service checks the model, registers it and starts its evaluation. */
class RegisterDialog extends Dialog {

    private final TempFiles tempFiles;
    private final Upload upload = new Upload();
    private final TextArea description = new TextArea("Description");
    private final Span uploaded = new Span("No file chosen yet.");
    private final Span error = new Span();
    private volatile @Nullable Path file;
    private volatile @Nullable String fileName;

    RegisterDialog(RegistryService service, TempFiles tempFiles, Consumer<ModelVersion> onRegistered) {
        this.tempFiles = tempFiles;
        setId("register-dialog");
        setHeaderTitle("Register a model version");
        upload.setId("model-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) ModelUploadCheck.MAX_MODEL_BYTES);
        upload.setAcceptedFileTypes(".tflite");
        UploadMessages.apply(upload, "a MoveNet .tflite model", ModelUploadCheck.MAX_MODEL_BYTES);
        // The model limit is enforced while the body streams in (chunked or not), the file kept as a session temp file.
        upload.setUploadHandler(new StreamedFileUpload(tempFiles, ModelUploadCheck.MAX_MODEL_BYTES, ".tflite",
                "The file is larger than 64 MB; a MoveNet model is smaller.", (name, received) -> {
            discardFile();
            file = received;
            fileName = name;
            // The list is emptied after every file, so that choosing another one (say, after this one is refused on
            // "Register") is never taken for a second file.
            upload.clearFileList();
            error.setText("");
            uploaded.setText(StreamedFileUpload.receivedText(name, received));
        }, reason -> {
            discardFile();
            upload.clearFileList();
            uploaded.setText("No file chosen yet.");
            error.setText(reason);
        }));
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
        // Navigating away, or the session ending, detaches the dialog without closing it.
        addDetachListener(detach -> discardFile());
        add(upload, uploaded, description, error);
        getFooter().add(cancel, confirm);
    }

    private void discardFile() {
        Path previous = file;
        file = null;
        StreamedFileUpload.discard(tempFiles, previous);
    }
}
