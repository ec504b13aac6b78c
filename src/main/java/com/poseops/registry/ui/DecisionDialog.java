package com.poseops.registry.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersionNotFoundException;
import com.poseops.registry.RegistryService;
import com.poseops.registry.VersionAlreadyDecidedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import org.springframework.security.access.AccessDeniedException;

/** Accept or reject one version; a comment is required (the service checks it too). */
class DecisionDialog extends Dialog {

    private final TextArea comment = new TextArea("Comment");
    private final Span error = new Span();

    DecisionDialog(RegistryService service, int version, ApprovalStatus outcome, Runnable onDone) {
        boolean approve = outcome == ApprovalStatus.APPROVED;
        setId("decision-dialog");
        setHeaderTitle((approve ? "Accept" : "Reject") + " version " + version);
        comment.setId("decision-comment");
        comment.setRequired(true);
        comment.setMaxLength(RegistryService.MAX_COMMENT);
        comment.setHelperText("Required: why you " + (approve ? "accept" : "reject") + " it. Kept in the audit log "
                + "and the registry.");
        comment.setWidth("32rem");
        comment.setValueChangeMode(ValueChangeMode.EAGER);
        error.setId("decision-error");
        TonedText.apply(error, Tone.ERROR);

        Button confirm = new Button(approve ? "Accept" : "Reject");
        confirm.setId("confirm-decision");
        confirm.addThemeVariants(approve ? ButtonVariant.PRIMARY : ButtonVariant.ERROR);
        confirm.addClickListener(click -> {
            error.setText("");
            if (comment.getValue().isBlank()) {
                error.setText("Write a comment first: the decision needs a reason.");
                return;
            }
            try {
                service.decide(version, outcome, comment.getValue());
                close();
                Notification.show("Version " + version + (approve ? " accepted." : " rejected."), 4000,
                        Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.SUCCESS);
                onDone.run();
            } catch (VersionAlreadyDecidedException e) {
                error.setText(e.getMessage());
                onDone.run();
            } catch (AccessDeniedException | IllegalArgumentException | ModelVersionNotFoundException e) {
                error.setText(e.getMessage());
            }
        });
        Button cancel = new Button("Cancel", click -> close());
        cancel.setId("cancel-decision");
        add(comment, error);
        getFooter().add(cancel, confirm);
    }
}
