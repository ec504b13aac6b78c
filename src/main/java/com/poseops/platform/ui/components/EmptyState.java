package com.poseops.platform.ui.components;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/**
 * What a person sees where there is nothing to show yet: what is missing and what to do about it, e.g. "No versions
 * are waiting for a decision." + "Register one on the Models page; it waits here until an approver decides."
 */
public class EmptyState extends Div {

    public EmptyState(String whatIsMissing, String whatToDo) {
        addClassName("empty-state");
        Span missing = new Span(whatIsMissing);
        missing.addClassName("empty-state-what");
        missing.getStyle().setFontWeight("600");
        Span todo = new Span(whatToDo);
        todo.addClassName("empty-state-todo");
        todo.getStyle().setColor(Tone.NEUTRAL.textColor());
        getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.FLEX)
                .setFlexDirection(com.vaadin.flow.dom.Style.FlexDirection.COLUMN).set("gap", "0.25em");
        add(missing, todo);
    }

    public static EmptyState of(String whatIsMissing, String whatToDo) {
        return new EmptyState(whatIsMissing, whatToDo);
    }
}
