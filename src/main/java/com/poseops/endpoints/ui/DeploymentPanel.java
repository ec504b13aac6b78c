package com.poseops.endpoints.ui;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.DeploymentProgress;
import com.poseops.endpoints.EndpointService;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.platform.ui.components.ProgressDisplay;
import com.poseops.platform.ui.components.Tone;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The deployment in progress: what goes where, who started it, its steps (new fleet starting → traffic at x % →
 * baking until hh:mm:ss → … → done) with the current one marked, a progress bar, the time left, and Abort for those
 * who may.
 */
class DeploymentPanel extends Div {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Span title = new Span();
    private final Span note = new Span();
    private final OrderedList steps = new OrderedList();
    /** The share done, with the time left as its line ({@code data-done} of {@code data-total} thousandths). */
    private final ProgressDisplay bar = new ProgressDisplay();
    private final Button abort = new Button("Abort");

    DeploymentPanel(boolean mayAct, Runnable onAbort) {
        setId("deployment-panel");
        getStyle().set("border", "1px solid var(--vaadin-border-color)").set("border-radius", "0.5rem")
                .set("padding", "0.5rem 1rem").set("width", "100%").set("box-sizing", "border-box");
        title.setId("deployment-title");
        title.getStyle().set("font-weight", "600");
        note.setId("deployment-note");
        steps.setId("deployment-steps");
        bar.setId("deployment-progress");
        abort.setId("abort-button");
        abort.addThemeVariants(ButtonVariant.ERROR);
        abort.setVisible(mayAct);
        abort.addClickListener(click -> onAbort.run());
        add(new H3("Deployment in progress"), title, note, steps, bar, abort);
        setVisible(false);
    }

    void show(EndpointSnapshot snapshot, Instant now) {
        Deployment active = snapshot.activeDeployment();
        setVisible(active != null);
        if (active == null) {
            return;
        }
        DeploymentProgress progress = DeploymentProgress.of(active, snapshot.description(), now);
        title.setText(active.kind().label() + " " + (active.from() == null ? "" : active.from().label() + " → ")
                + active.to().label() + " · " + EndpointService.describe(active.policy(),
                java.util.List.of()).replaceFirst(", no rollback alarms$", "")
                + (active.alarmNames().isEmpty() ? "" : ", guarded by " + active.alarmNames().size() + " alarms")
                + " · started by " + active.startedBy() + " at " + TIME.format(active.startedAt()));
        note.setText(active.outcomeDetail() == null ? "" : active.outcomeDetail());
        note.setVisible(active.outcomeDetail() != null);
        steps.removeAll();
        for (DeploymentProgress.Step step : progress.steps()) {
            ListItem item = new ListItem(step.label());
            item.getElement().setAttribute("data-state", step.state().name());
            if (step.state() == DeploymentProgress.State.CURRENT) {
                item.getStyle().set("font-weight", "700");
            } else if (step.state() == DeploymentProgress.State.DONE) {
                item.getStyle().setColor(Tone.NEUTRAL.textColor());
            }
            steps.add(item);
        }
        bar.show(progress.timeLeft() == null ? "Time left: the new fleet is starting…"
                : "Time left: about " + human(progress.timeLeft()) + " (" + progress.currentLabel() + ")",
                Math.round(progress.fraction() * 1000), 1000);
    }

    static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
