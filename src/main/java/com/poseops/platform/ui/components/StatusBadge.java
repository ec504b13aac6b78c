package com.poseops.platform.ui.components;

import com.vaadin.flow.component.badge.Badge;
import java.util.Arrays;

/**
 * A short status in a pill, coloured by its {@link Tone} through the Aura theme (no colour is set here): "Approved",
 * "Serving", "Failed". It never wraps or gets cut: a grid column or a header gives it the room its text needs.
 * Carries {@code data-tone} so that tests and people with the developer tools can read what it means.
 *
 * <pre>{@code StatusBadge.of("Approved", Tone.SUCCESS)}</pre>
 */
public class StatusBadge extends Badge {

    private Tone tone = Tone.NEUTRAL;

    public StatusBadge(String text, Tone tone) {
        addClassName("status-badge");
        // Inline, so that it sits in a line of text ("Status: Pending") instead of starting a block of its own.
        getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.INLINE_FLEX).set("vertical-align", "middle")
                .setWhiteSpace(com.vaadin.flow.dom.Style.WhiteSpace.NOWRAP).setFlexShrink("0").setMaxWidth("none");
        set(text, tone);
    }

    public static StatusBadge of(String text, Tone tone) {
        return new StatusBadge(text, tone);
    }

    /** Changes text and tone at once, e.g. when a pushed status update arrives. */
    public final void set(String text, Tone newTone) {
        setText(text);
        Arrays.stream(Tone.values()).map(Tone::themeName).filter(name -> name != null)
                .forEach(name -> getElement().getThemeList().remove(name));
        if (newTone.themeName() != null) {
            getElement().getThemeList().add(newTone.themeName());
        }
        // Aura colours a plain badge with the accent colour; neutral is its own accent class.
        getElement().getClassList().set("aura-accent-neutral", newTone == Tone.NEUTRAL);
        getElement().setAttribute("data-tone", newTone.attribute());
        tone = newTone;
    }

    public Tone getTone() {
        return tone;
    }
}
