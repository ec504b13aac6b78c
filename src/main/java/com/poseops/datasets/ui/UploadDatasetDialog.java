package com.poseops.datasets.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.datasets.InvalidDatasetException;
import com.poseops.platform.persistence.TempFiles;
import com.poseops.platform.ui.components.StreamedFileUpload;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * Upload a zip of labelled images. The service checks every image and label before keeping anything; what is wrong is
 * listed here, one problem per line. Also opened from the Models page to create its evaluation set.
 */
public class UploadDatasetDialog extends Dialog {

    private final TempFiles tempFiles;
    private final Upload upload = new Upload();
    private final TextField name = new TextField("Name");
    private final Span uploaded = new Span("No file chosen yet.");
    private final Div errors = new Div();
    private volatile @Nullable Path file;
    private volatile @Nullable String fileName;

    public UploadDatasetDialog(DatasetService service, TempFiles tempFiles, Consumer<Dataset> onAdded) {
        this.tempFiles = tempFiles;
        setId("upload-dataset-dialog");
        setHeaderTitle("Upload a labelled image set");
        upload.setId("dataset-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) DatasetService.MAX_ZIP_BYTES);
        upload.setAcceptedFileTypes(".zip", "application/zip");
        String limit = DatasetService.MAX_ZIP_BYTES / (1024 * 1024) + " MB";
        // The limit is counted while the body streams in (chunked or not); the zip is a session temp file until used.
        upload.setUploadHandler(new StreamedFileUpload(tempFiles, DatasetService.MAX_ZIP_BYTES, ".zip",
                "The zip is larger than " + limit + ".", (received, receivedFile) -> {
                    discardFile();
                    file = receivedFile;
                    fileName = received;
                    // Emptied after every file, so that choosing another one is never taken for a second file.
                    upload.clearFileList();
                    errors.removeAll();
                    uploaded.setText(StreamedFileUpload.receivedText(received, receivedFile));
                }, reason -> {
                    discardFile();
                    upload.clearFileList();
                    uploaded.setText("No file chosen yet.");
                    showErrors(reason);
                }));
        upload.addFileRejectedListener(rejected -> showErrors(rejected.getFileName() + " was not taken: "
                + (rejected.getErrorMessage().toLowerCase(java.util.Locale.ROOT).contains("many")
                ? "remove the file chosen before, then choose the zip again."
                : "choose a .zip of at most " + limit + ".")));
        uploaded.setId("uploaded-dataset-file");
        name.setId("dataset-name");
        name.setMaxLength(DatasetService.MAX_NAME);
        name.setHelperText("Optional; the zip's name otherwise.");
        name.setWidth("24rem");
        errors.setId("dataset-upload-error");
        TonedText.apply(errors, Tone.ERROR);
        Paragraph format = new Paragraph("A .zip (at most " + limit + ", " + DatasetService.MAX_IMAGES
                + " images) of JPEG, PNG or BMP images and one label file: a CSV with the header "
                + "image,nose_x,nose_y,…,right_ankle_y (pixels; tensorflow/examples' pose_landmark_truth.csv format "
                + "plus an image column) or a COCO person-keypoints JSON.");
        format.getStyle().setMaxWidth("32rem");

        Button confirm = new Button("Upload", click -> {
            errors.removeAll();
            Path chosen = file;
            if (chosen == null) {
                showErrors("Choose a .zip first.");
                return;
            }
            try {
                Dataset dataset = service.upload(chosen, fileName == null ? "dataset.zip" : fileName, name.getValue());
                discardFile();
                close();
                Notification.show("Added dataset " + dataset.name() + " (" + dataset.labelledCount()
                        + " labelled images).", 5000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.SUCCESS);
                onAdded.accept(dataset);
            } catch (InvalidDatasetException e) {
                showErrors(e.problems().toArray(String[]::new));
            } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException e) {
                showErrors(e.getMessage());
            }
        });
        confirm.setId("confirm-dataset-upload");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        Button cancel = new Button("Cancel", click -> close());
        addOpenedChangeListener(change -> {
            if (!change.isOpened()) {
                discardFile();
            }
        });
        // Navigating away, or the session ending, detaches the dialog without closing it.
        addDetachListener(detach -> discardFile());
        add(format, upload, uploaded, name, errors);
        getFooter().add(cancel, confirm);
    }

    private void showErrors(String... problems) {
        errors.removeAll();
        if (problems.length == 1) {
            errors.add(new Span(problems[0]));
            return;
        }
        UnorderedList list = new UnorderedList();
        for (String problem : problems) {
            list.add(new ListItem(problem));
        }
        errors.add(new Span("The set was not kept:"), list);
    }

    private void discardFile() {
        Path previous = file;
        file = null;
        StreamedFileUpload.discard(tempFiles, previous);
    }
}
