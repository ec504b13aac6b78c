package com.poseops.platform.ui;

import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.DatabaseStatus;
import com.poseops.platform.notifications.NotificationCenter;
import com.poseops.platform.notifications.ui.NotificationBell;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/**
 * The shell around every signed-in page: side navigation built from the {@code @Menu} views the user may open, and
 * a header with the mode, the notification centre, the signed-in user, the light/dark switch and sign-out.
 */
@Layout
@PermitAll
public final class MainLayout extends AppLayout {

    static final String THEME_STORAGE_KEY = "poseops.colorScheme";

    private final Button themeSwitch = new Button();

    MainLayout(AuthenticationContext authentication, PoseOpsSettings settings, NotificationCenter notifications,
            DatabaseStatus database, DataDirectory dataDirectory) {
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), new Scroller(sideNav()));
        addToNavbar(new DrawerToggle(), new SystemStatusBanner(database, dataDirectory),
                header(authentication, settings, notifications));
    }

    private static Component brand() {
        Span name = new Span("PoseOps");
        name.getStyle().setFontWeight("bold").setFontSize("var(--aura-font-size-l, 1.25rem)")
                .setPadding("var(--vaadin-padding-m, 1rem)");
        return name;
    }

    private static SideNav sideNav() {
        SideNav nav = new SideNav();
        nav.setId("main-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            item.setMatchNested(true);
            if (entry.icon() != null) {
                // An icon name ("vaadin:dashboard") is a vaadin-icon, not an SVG URL: an SvgIcon fetched it as a URL,
                // which the Content-Security-Policy (rightly) refuses.
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }

    private Component header(AuthenticationContext authentication, PoseOpsSettings settings,
            NotificationCenter notifications) {
        StatusBadge mode = StatusBadge.of(settings.mode().label() + " mode", Tone.NEUTRAL);
        mode.setId("mode-badge");
        mode.getElement().setAttribute("title", settings.mode().label().equals("local")
                ? "Everything runs on this machine (DynamoDB Local, local endpoints)"
                : "Connected to AWS");

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.setId("signed-in-user");

        themeSwitch.setId("theme-switch");
        themeSwitch.addThemeVariants(ButtonVariant.TERTIARY);
        themeSwitch.addClickListener(click -> toggleColorScheme());
        showSchemeOnSwitch(ColorScheme.Value.LIGHT);

        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.TERTIARY);

        NotificationBell bell = new NotificationBell(notifications, authentication.getPrincipalName().orElse(""));

        HorizontalLayout header = new HorizontalLayout(mode, bell, user, themeSwitch, signOut);
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        // At phone width the six items do not fit one line ("Sign out" was cut off at 390 px): they wrap instead.
        header.setWrap(true);
        header.setJustifyContentMode(HorizontalLayout.JustifyContentMode.END);
        header.getStyle().setMarginLeft("auto").setMinWidth("0").setPaddingRight("var(--vaadin-padding-m, 1rem)");
        return header;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // The choice is the browser's, kept in localStorage, so that it survives sign-out and restarts.
        attachEvent.getUI().getPage()
                .executeJs("return window.localStorage.getItem($0)", THEME_STORAGE_KEY)
                .then(String.class, stored -> {
                    if ("dark".equals(stored)) {
                        applyColorScheme(attachEvent.getUI(), ColorScheme.Value.DARK);
                    }
                });
    }

    private void toggleColorScheme() {
        UI ui = UI.getCurrentOrThrow();
        ColorScheme.Value next = ui.getPage().getColorScheme() == ColorScheme.Value.DARK
                ? ColorScheme.Value.LIGHT : ColorScheme.Value.DARK;
        applyColorScheme(ui, next);
        ui.getPage().executeJs("window.localStorage.setItem($0, $1)", THEME_STORAGE_KEY,
                next == ColorScheme.Value.DARK ? "dark" : "light");
    }

    private void applyColorScheme(UI ui, ColorScheme.Value scheme) {
        ui.getPage().setColorScheme(scheme);
        showSchemeOnSwitch(scheme);
    }

    private void showSchemeOnSwitch(ColorScheme.Value current) {
        boolean dark = current == ColorScheme.Value.DARK;
        themeSwitch.setText(dark ? "Light" : "Dark");
        themeSwitch.setIcon(dark ? VaadinIcon.SUN_O.create() : VaadinIcon.MOON_O.create());
        themeSwitch.setAriaLabel(dark ? "Switch to the light theme" : "Switch to the dark theme");
    }
}
