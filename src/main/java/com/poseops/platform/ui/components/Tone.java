package com.poseops.platform.ui.components;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a status means to the person looking at it, the console's one mapping from meaning to colour: badges, coloured
 * text and progress take a tone, never a colour. The colours are the Aura theme's, so they follow light and dark mode.
 */
public enum Tone {
    /** Done, healthy, better than before. */
    SUCCESS("success", "var(--aura-green-text)"),
    /** Waiting for someone, degraded, worth a look. */
    WARNING("warning", "var(--aura-orange-text)"),
    /** Failed, refused, worse than before. */
    ERROR("error", "var(--aura-red-text)"),
    /** Plain information without a judgement. */
    NEUTRAL(null, "var(--vaadin-text-color-secondary)"),
    /** Something is under way. */
    INFO("info", "var(--aura-blue-text)");

    private final @Nullable String themeName;
    private final String textColor;

    Tone(@Nullable String themeName, String textColor) {
        this.themeName = themeName;
        this.textColor = textColor;
    }

    /**
     * The theme variant Aura styles in this tone ({@code success}, {@code error} …); none for {@link #NEUTRAL}, which
     * is Aura's {@code aura-accent-neutral} class.
     */
    @Nullable String themeName() {
        return themeName;
    }

    /** A CSS colour for text in this tone that stays readable in both colour schemes. */
    public String textColor() {
        return textColor;
    }

    /** The value of the {@code data-tone} attribute the components carry (for tests and styling). */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }
}
