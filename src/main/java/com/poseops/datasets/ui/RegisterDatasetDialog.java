package com.poseops.datasets.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.datasets.InvalidDatasetException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;
import org.springframework.security.access.AccessDeniedException;

/** Register labelled images where they are: a folder (local mode) or an S3 prefix (aws mode). */
class RegisterDatasetDialog extends Dialog {

    RegisterDatasetDialog(DatasetService service, Consumer<Dataset> onAdded) {
        boolean s3 = service.registersS3Prefixes();
        setId("register-dataset-dialog");
        setHeaderTitle(s3 ? "Register an S3 prefix" : "Register a folder");
        TextField location = new TextField(s3 ? "S3 prefix" : "Folder on the console's machine");
        location.setId("dataset-location");
        location.setWidth("32rem");
        location.setPlaceholder(service.registrationExample());
        location.setHelperText("Images and one label file (CSV with an image column, or COCO JSON); read where they "
                + "are, not copied.");
        TextField name = new TextField("Name");
        name.setId("register-dataset-name");
        name.setMaxLength(DatasetService.MAX_NAME);
        Div errors = new Div();
        errors.setId("dataset-register-error");
        TonedText.apply(errors, Tone.ERROR);
        Button confirm = new Button("Register", click -> {
            errors.removeAll();
            try {
                Dataset dataset = service.register(location.getValue(), name.getValue());
                close();
                onAdded.accept(dataset);
            } catch (InvalidDatasetException e) {
                UnorderedList list = new UnorderedList();
                e.problems().forEach(problem -> list.add(new ListItem(problem)));
                errors.add(list);
            } catch (IllegalArgumentException | IllegalStateException | AccessDeniedException e) {
                errors.add(new Span(e.getMessage()));
            }
        });
        confirm.setId("confirm-dataset-register");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        add(location, name, errors);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
