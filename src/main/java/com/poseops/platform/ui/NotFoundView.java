package com.poseops.platform.ui;

import com.poseops.platform.ui.components.EmptyState;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's own "not found" page, inside the shell, for a signed-in user: an address that is no page, a page the
 * user may not open (Vaadin answers those alike, so that nobody learns which pages exist), or a model version that
 * does not exist. An anonymous visitor never gets here: every address but the sign-in page needs a sign-in first.
 */
@PermitAll
@ParentLayout(MainLayout.class)
@PageTitle("Not found · PoseOps")
class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setId("not-found");
        String path = "/" + event.getLocation().getPath();
        String detail = parameter.hasCustomMessage() ? parameter.getCustomMessage() + " " : "";
        Anchor home = new Anchor("", "Go to the Overview");
        home.getElement().setAttribute("router-link", true);
        home.setId("not-found-home");
        add(new H2("Page not found"), EmptyState.of("There is nothing at " + path + ".", detail
                + "Check the address, or use the navigation on the left."), home);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
