package com.poseops.platform.ui.components;

import com.vaadin.flow.component.html.Span;

/**
 * Text in the colour of a {@link Tone}: a metric that got better or worse, a message that something failed. For a
 * status that stands on its own use {@link StatusBadge}.
 */
public final class TonedText {

    private TonedText() {
    }

    public static Span of(String text, Tone tone) {
        Span span = new Span(text);
        apply(span, tone);
        return span;
    }

    /** Gives any component's text the colour of {@code tone} (and {@code data-tone}). */
    public static void apply(com.vaadin.flow.component.HasStyle component, Tone tone) {
        component.getStyle().setColor(tone.textColor());
        if (component instanceof com.vaadin.flow.component.Component c) {
            c.getElement().setAttribute("data-tone", tone.attribute());
        }
    }
}
