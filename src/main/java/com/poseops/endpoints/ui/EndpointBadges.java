package com.poseops.endpoints.ui;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.EndpointSummary;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;

/**
 * The endpoints feature's one mapping from its states to the console's {@link Tone}s (SageMaker's status words,
 * deployment outcomes), used by the Endpoints page, the status bar other pages embed and the Overview cards.
 */
public final class EndpointBadges {

    private EndpointBadges() {
    }

    /** What a summary's tone means on the page. */
    public static Tone tone(EndpointSummary.Tone tone) {
        return switch (tone) {
            case SUCCESS -> Tone.SUCCESS;
            case PROGRESS -> Tone.INFO;
            case WARNING -> Tone.WARNING;
            case ERROR -> Tone.ERROR;
        };
    }

    public static Tone tone(Deployment.Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> Tone.SUCCESS;
            case IN_PROGRESS -> Tone.INFO;
            case ROLLED_BACK_AUTOMATICALLY, ROLLED_BACK_BY_PERSON, ABORTED -> Tone.WARNING;
            case FAILED -> Tone.ERROR;
        };
    }

    /** SageMaker's status word, coloured by what it means. */
    static StatusBadge status(String label, EndpointSummary.Tone tone) {
        return badge(label, tone(tone));
    }

    static StatusBadge outcome(Deployment.Outcome outcome) {
        return badge(outcome.label(), tone(outcome));
    }

    static StatusBadge neutral(String label) {
        return badge(label, Tone.NEUTRAL);
    }

    private static StatusBadge badge(String text, Tone tone) {
        StatusBadge badge = StatusBadge.of(text, tone);
        badge.getElement().setAttribute("data-badge", text);
        return badge;
    }
}
