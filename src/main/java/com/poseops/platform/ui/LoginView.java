package com.poseops.platform.ui;

import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.DatabaseStatus;
import com.poseops.platform.security.SignInRefusedException;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.WebAttributes;

/** The sign-in page; every other route redirects here for an anonymous visitor. */
@PageTitle("Sign in · PoseOps")
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends Main implements BeforeEnterObserver {

    private final AuthenticationContext authenticationContext;
    private final LoginForm login = new LoginForm();

    LoginView(AuthenticationContext authenticationContext, DatabaseStatus database, DataDirectory dataDirectory) {
        this.authenticationContext = authenticationContext;
        login.setI18n(i18n(null));
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);

        H1 title = new H1("PoseOps");
        Paragraph tagline = new Paragraph("Train, approve, deploy and watch your MoveNet pose model.");
        addClassName("login-view");
        setSizeFull();
        getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.FLEX)
                .set("flex-direction", "column").set("align-items", "center").set("justify-content", "center");
        add(title, tagline, new SystemStatusBanner(database, dataDirectory), login);
    }

    /** The form's texts; the error box says why a sign-in was refused when it was refused before the password check. */
    private static LoginI18n i18n(@Nullable Object failure) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        if (failure instanceof SignInRefusedException refused) {
            i18n.getErrorMessage().setTitle(switch (refused.reason()) {
                case THROTTLED -> "Too many failed sign-ins";
                case LOCKED -> "Sign-in locked";
                case DATABASE_UNAVAILABLE -> "The database is not available";
                case FORM_EXPIRED -> "The page had expired";
            });
            i18n.getErrorMessage().setMessage(refused.getMessage());
        } else {
            i18n.getErrorMessage().setTitle("Wrong user name or password");
            i18n.getErrorMessage().setMessage("Check them and try again. The first admin password is printed at the "
                    + "first start, or set with POSEOPS_ADMIN_PASSWORD.");
        }
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authenticationContext.isAuthenticated()) {
            event.forwardTo("");
            return;
        }
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            VaadinSession session = VaadinSession.getCurrent();
            login.setI18n(i18n(session == null || session.getSession() == null ? null
                    : session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)));
            login.setError(true);
        }
    }
}
