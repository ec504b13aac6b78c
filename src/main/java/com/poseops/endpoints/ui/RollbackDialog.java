package com.poseops.endpoints.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.DeploymentInProgressException;
import com.poseops.endpoints.DeploymentRefusedException;
import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointService;
import com.poseops.endpoints.EndpointUnavailableException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.function.Consumer;
import org.springframework.security.access.AccessDeniedException;

/** Roll back in one click, after a question that names both versions. */
class RollbackDialog extends Dialog {

    RollbackDialog(EndpointService service, Consumer<String> onStarted) {
        EndpointService.RollbackPlan plan = service.rollbackPlan().orElse(null);
        setId("rollback-dialog");
        setHeaderTitle("Roll back " + service.endpointName());
        Span error = new Span();
        error.setId("rollback-error");
        TonedText.apply(error, Tone.ERROR);
        Paragraph question = new Paragraph(plan == null ? "There is nothing to roll back to."
                : "Roll back from " + plan.from().label() + " (serving now) to " + plan.to().label()
                        + ", all traffic at once?");
        question.setId("rollback-question");
        add(question, error);
        Button confirm = new Button("Roll back");
        confirm.setId("confirm-rollback");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        confirm.setDisableOnClick(true);
        confirm.setEnabled(plan != null);
        confirm.addClickListener(click -> {
            try {
                Deployment rollback = service.rollback();
                close();
                onStarted.accept("Rolling back to " + rollback.to().label() + ".");
            } catch (AccessDeniedException | DeploymentRefusedException | DeploymentInProgressException
                    | EndpointBusyException | EndpointUnavailableException e) {
                error.setText(e.getMessage());
                confirm.setEnabled(true);
            }
        });
        Button cancel = new Button("Cancel", click -> close());
        cancel.setId("cancel-rollback");
        getFooter().add(cancel, confirm);
    }
}
