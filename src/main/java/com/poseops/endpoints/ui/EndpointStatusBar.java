package com.poseops.endpoints.ui;

import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointSnapshot;
import com.poseops.endpoints.EndpointSummary;
import com.poseops.platform.ui.components.ProgressDisplay;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;

/**
 * The endpoint in one line for pages of other features (the Pose page, the Overview): SageMaker's status word as a
 * badge ({@code data-state}), the {@link EndpointSummary} sentence once — beside the badge, or as the problem to fix
 * when nothing can be predicted — and, while the endpoint is Creating (e.g. the model download), a progress display
 * with the newest step. The owner feeds it the endpoints feature's {@link EndpointSnapshot}s.
 */
public final class EndpointStatusBar extends Div {

    private final String cannotWork;
    private final StatusBadge badge = StatusBadge.of("", Tone.NEUTRAL);
    private final Span detail = new Span();
    private final ProgressDisplay starting = new ProgressDisplay();
    private final Div problem = new Div();

    /** @param cannotWork what the page cannot do without an endpoint, e.g. "The Pose page cannot predict." */
    public EndpointStatusBar(String cannotWork) {
        this.cannotWork = cannotWork;
        badge.setId("endpoint-status");
        detail.setId("endpoint-detail");
        TonedText.apply(detail, Tone.NEUTRAL);
        starting.setId("endpoint-starting");
        problem.setId("model-problem");
        problem.setVisible(false);
        TonedText.apply(problem, Tone.ERROR);
        problem.getStyle().setFontWeight("600");
        FlexLayout line = new FlexLayout(badge, detail);
        line.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        line.setAlignItems(FlexComponent.Alignment.CENTER);
        line.getStyle().setGap("0.5em");
        setWidthFull();
        add(line, starting, problem);
    }

    public void show(EndpointSnapshot snapshot) {
        EndpointSummary summary = EndpointSummary.of(snapshot);
        badge.set(summary.statusLabel(), EndpointBadges.tone(summary.tone()));
        badge.getElement().setAttribute("data-state", summary.statusLabel());
        badge.getElement().setAttribute("title", summary.sentence());
        EndpointDescription description = snapshot.description();
        boolean creating = description != null && description.status() == EndpointDescription.Status.CREATING;
        boolean cannotPredict = summary.blocking() != null && !creating;
        // The sentence is shown once: as the problem to fix, as the step under way, or as a detail beside the badge.
        detail.setText(cannotPredict || creating ? "" : summary.sentence());
        problem.setVisible(cannotPredict);
        problem.setText(cannotPredict ? cannotWork + " " + summary.blocking() : "");
        if (creating) {
            starting.showIndeterminate(summary.sentence());
        } else {
            starting.hide();
        }
    }

    /** The sentence as shown (beside the badge, in the progress line or as the problem), for tests and logs. */
    public String sentence() {
        return problem.isVisible() ? problem.getText() : starting.isVisible() ? starting.getText() : detail.getText();
    }
}
