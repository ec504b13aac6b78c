package com.poseops.platform.ui.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Div;
import org.junit.jupiter.api.Test;

/** The shared vocabulary: a tone decides the theme variant and the colour, never the page. */
class ComponentsTest {

    @Test
    void aStatusBadgeCarriesItsToneAsAThemeVariantAndChangesInPlace() {
        StatusBadge badge = StatusBadge.of("Pending", Tone.WARNING);
        assertThat(badge.getText()).isEqualTo("Pending");
        assertThat(badge.getElement().getThemeList()).containsExactly("warning");
        assertThat(badge.getElement().getAttribute("data-tone")).isEqualTo("warning");
        assertThat(badge.getStyle().get("white-space")).as("never wraps or breaks").isEqualTo("nowrap");

        badge.set("Approved", Tone.SUCCESS);
        assertThat(badge.getText()).isEqualTo("Approved");
        assertThat(badge.getElement().getThemeList()).containsExactly("success");

        badge.set("local mode", Tone.NEUTRAL);
        assertThat(badge.getElement().getThemeList()).as("neutral has no theme variant").isEmpty();
        assertThat(badge.getElement().getClassList()).as("but Aura's neutral accent").contains("aura-accent-neutral");
        assertThat(badge.getTone()).isEqualTo(Tone.NEUTRAL);
        badge.set("Failed", Tone.ERROR);
        assertThat(badge.getElement().getClassList()).doesNotContain("aura-accent-neutral");
    }

    @Test
    void tonedTextTakesTheThemesColourForItsTone() {
        assertThat(TonedText.of("better", Tone.SUCCESS).getStyle().get("color")).isEqualTo("var(--aura-green-text)");
        Div div = new Div();
        TonedText.apply(div, Tone.ERROR);
        assertThat(div.getStyle().get("color")).isEqualTo("var(--aura-red-text)");
        assertThat(div.getElement().getAttribute("data-tone")).isEqualTo("error");
    }

    @Test
    void progressShowsDoneOfTotalOrAnIndeterminateBar() {
        ProgressDisplay progress = new ProgressDisplay();
        assertThat(progress.isVisible()).as("hidden until there is work").isFalse();
        progress.show("Evaluating version 3", 1, 4);
        assertThat(progress.isVisible()).isTrue();
        assertThat(progress.getText()).isEqualTo("Evaluating version 3");
        assertThat(progress.getFraction()).isEqualTo(0.25);
        assertThat(progress.getElement().getAttribute("data-done")).isEqualTo("1");
        progress.showIndeterminate("Starting");
        assertThat(progress.getElement().getAttribute("data-total")).isEqualTo("0");
        progress.hide();
        assertThat(progress.isVisible()).isFalse();
    }

    @Test
    void anEmptyStateSaysWhatIsMissingAndWhatToDo() {
        EmptyState empty = EmptyState.of("No versions yet.", "Register one on the Models page.");
        assertThat(empty.getElement().getTextRecursively()).isEqualTo("No versions yet.Register one on the Models page.");
    }
}
