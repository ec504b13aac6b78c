package com.poseops.pose.ui;

import com.poseops.endpoints.EndpointState;
import com.poseops.endpoints.EndpointStatus;
import com.poseops.platform.ui.components.ProgressDisplay;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import java.util.Optional;

/**
 * The top of the Pose page: the endpoint's state as a badge, its message once — beside the badge, or as the problem to
 * fix when the page cannot predict — and the model download's progress.
 */
final class EndpointStatusBar extends Div {

    private final String endpointName;
    private final StatusBadge badge = StatusBadge.of("", Tone.NEUTRAL);
    private final Span detail = new Span();
    private final ProgressDisplay download = new ProgressDisplay();
    private final Div problem = new Div();

    EndpointStatusBar(String endpointName) {
        this.endpointName = endpointName;
        badge.setId("endpoint-status");
        detail.setId("endpoint-detail");
        TonedText.apply(detail, Tone.NEUTRAL);
        download.setId("model-download");
        problem.setId("model-problem");
        problem.setVisible(false);
        TonedText.apply(problem, Tone.ERROR);
        problem.getStyle().setFontWeight("600");
        FlexLayout line = new FlexLayout(badge, detail);
        line.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        line.setAlignItems(FlexComponent.Alignment.CENTER);
        line.getStyle().setGap("0.5em");
        setWidthFull();
        add(line, download, problem);
    }

    /** @param status the local endpoint's status; empty in aws mode (the SageMaker endpoint is asked per request) */
    void show(Optional<EndpointStatus> status) {
        if (status.isEmpty()) {
            badge.set("SageMaker endpoint " + endpointName, Tone.NEUTRAL);
            detail.setText("Its status is checked with each request.");
            return;
        }
        EndpointStatus s = status.get();
        String label = switch (s.state()) {
            case IN_SERVICE, UPDATING -> "Local endpoint serving";
            case CREATING -> "Local endpoint starting…";
            case RESTARTING -> "Local endpoint restarting…";
            case DOWNLOADING_MODEL -> "Downloading the model…";
            case NO_MODEL -> "No model";
            case FAILED -> "Local endpoint failed";
            case STOPPED -> "Local endpoint stopped";
        };
        boolean cannotPredict = s.state() == EndpointState.NO_MODEL || s.state() == EndpointState.FAILED;
        badge.set(label, s.serving() ? Tone.SUCCESS : cannotPredict ? Tone.ERROR
                : s.state() == EndpointState.STOPPED ? Tone.NEUTRAL : Tone.INFO);
        badge.getElement().setAttribute("data-state", s.state().name());
        badge.getElement().setAttribute("title", s.message());
        // The message is shown once: as the problem to fix, or else as a detail beside the badge.
        detail.setText(cannotPredict ? "" : s.message());
        problem.setVisible(cannotPredict);
        problem.setText(cannotPredict ? "The Pose page cannot predict. " + s.message() : "");
        if (s.state() == EndpointState.DOWNLOADING_MODEL) {
            download.show("Downloading the MoveNet model", s.progress() == null ? 0 : Math.round(s.progress() * 100),
                    s.progress() == null ? 0 : 100);
        } else {
            download.hide();
        }
    }
}
