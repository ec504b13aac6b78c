package com.poseops.endpoints.ui;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.EndpointSummary;
import com.vaadin.flow.component.html.Span;

/**
 * The Endpoints page's badges in one place (SageMaker's status words, deployment outcomes), so that they can move to
 * the shared badge component of {@code platform.ui.components} in one step once it exists.
 */
final class EndpointBadges {

    private static final String GREEN = "#1a7f37";
    private static final String RED = "#cf222e";
    private static final String AMBER = "#7a5a00";
    private static final String BLUE = "#0550ae";
    private static final String GREY = "#57606a";

    private EndpointBadges() {
    }

    /** SageMaker's status word, coloured by what it means. */
    static Span status(String label, EndpointSummary.Tone tone) {
        return badge(label, switch (tone) {
            case SUCCESS -> GREEN;
            case PROGRESS -> BLUE;
            case WARNING -> AMBER;
            case ERROR -> RED;
        });
    }

    static Span outcome(Deployment.Outcome outcome) {
        return badge(outcome.label(), switch (outcome) {
            case SUCCEEDED -> GREEN;
            case IN_PROGRESS -> BLUE;
            case ROLLED_BACK_AUTOMATICALLY, ROLLED_BACK_BY_PERSON, ABORTED -> AMBER;
            case FAILED -> RED;
        });
    }

    static Span neutral(String label) {
        return badge(label, GREY);
    }

    private static Span badge(String text, String colour) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        badge.getElement().setAttribute("data-badge", text);
        badge.getStyle().set("color", colour).set("border", "1px solid " + colour).set("padding", "0.05em 0.6em")
                .set("border-radius", "1em").set("font-size", "0.85em").set("font-weight", "600")
                .set("white-space", "nowrap");
        return badge;
    }
}
