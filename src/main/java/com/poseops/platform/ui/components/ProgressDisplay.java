package com.poseops.platform.ui.components;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.util.Locale;

/**
 * Long work under way, as every page shows it: a line of text ("Evaluating: 3 of 10 images") over a progress bar,
 * determinate when the total is known, indeterminate otherwise. The numbers are also in {@code data-done} and
 * {@code data-total}. Hidden until {@link #show} is called; {@link #hide()} when the work is over.
 */
public class ProgressDisplay extends Div {

    private final Span text = new Span();
    private final ProgressBar bar = new ProgressBar();

    public ProgressDisplay() {
        addClassName("progress-display");
        text.addClassName("progress-text");
        bar.setMin(0);
        bar.setMax(1);
        getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.FLEX).setFlexDirection(
                com.vaadin.flow.dom.Style.FlexDirection.COLUMN).set("gap", "0.25em").setMinWidth("8em");
        add(text, bar);
        setVisible(false);
    }

    /** Shows {@code done} of {@code total} (a total of 0 or less shows an indeterminate bar). */
    public void show(String description, long done, long total) {
        text.setText(description);
        bar.setIndeterminate(total <= 0);
        bar.setValue(total <= 0 ? 0 : Math.max(0, Math.min(1, (double) done / total)));
        getElement().setAttribute("data-done", Long.toString(done));
        getElement().setAttribute("data-total", Long.toString(total));
        getElement().setAttribute("aria-label", description);
        setVisible(true);
    }

    /** Shows work whose size is unknown. */
    public void showIndeterminate(String description) {
        show(description, 0, 0);
    }

    public void hide() {
        setVisible(false);
    }

    public String getText() {
        return text.getText();
    }

    /** Share done, 0 to 1 (0 when indeterminate). */
    public double getFraction() {
        return bar.getValue();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%.0f %%)", text.getText(), bar.getValue() * 100);
    }
}
