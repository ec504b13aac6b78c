package com.poseops.platform.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shown instead of a stack trace when a page fails to open: what happened, an incident id to quote, and what to do.
 * The stack trace goes to the server log under that id.
 */
@PermitAll
class ErrorView extends Div implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("Incident {} while opening {}", incident, event.getLocation().getPath(), parameter.getException());
        setId("error-view");
        add(new H2("This page could not be opened"),
                new Paragraph("Something went wrong on the server while opening it. Try again; if it keeps "
                        + "happening, give your administrator the incident id " + incident + "."));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
