package com.poseops.endpoints.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.endpoints.DeploymentRefusedException;
import com.poseops.endpoints.EndpointService;
import com.poseops.endpoints.EndpointUnavailableException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;
import org.springframework.security.access.AccessDeniedException;

/** Abort the deployment in progress, with a reason kept in the history and the audit log. */
class AbortDialog extends Dialog {

    AbortDialog(EndpointService service, Consumer<String> onStarted) {
        setId("abort-dialog");
        setHeaderTitle("Abort the deployment");
        TextField reason = new TextField("Why (kept in the history and the audit log)");
        reason.setId("abort-reason");
        reason.setWidthFull();
        reason.setMaxLength(EndpointService.MAX_REASON);
        Span error = new Span();
        error.setId("abort-error");
        TonedText.apply(error, Tone.ERROR);
        add(new Paragraph("All traffic goes back to what served before; the new fleet is stopped."), reason, error);
        Button confirm = new Button("Abort deployment");
        confirm.setId("confirm-abort");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        confirm.addClickListener(click -> {
            try {
                service.abort(reason.getValue());
                close();
                onStarted.accept("Aborting: all traffic goes back.");
            } catch (AccessDeniedException | DeploymentRefusedException | EndpointUnavailableException e) {
                error.setText(e.getMessage());
            }
        });
        Button cancel = new Button("Keep deploying", click -> close());
        cancel.setId("cancel-abort");
        getFooter().add(cancel, confirm);
    }
}
