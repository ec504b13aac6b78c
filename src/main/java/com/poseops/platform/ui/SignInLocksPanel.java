package com.poseops.platform.ui;

import com.poseops.platform.security.SignInLocks;
import com.poseops.platform.security.SignInThrottle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The System page's list of user names and client addresses that must wait or are locked after failed sign-ins, with
 * a button per row to lift it (ADMIN, checked and audited by {@link SignInLocks}).
 */
class SignInLocksPanel extends Div {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final SignInLocks locks;
    private final Grid<SignInThrottle.Entry> grid = new Grid<>();
    private final Paragraph empty = new Paragraph("No user name or address is waiting or locked.");

    SignInLocksPanel(SignInLocks locks) {
        this.locks = locks;
        setId("sign-in-locks");
        setWidthFull();
        grid.setId("sign-in-locks-grid");
        grid.addColumn(entry -> entry.key().target()).setHeader("Who").setAutoWidth(true);
        grid.addColumn(entry -> entry.locked() ? "locked" : "waiting").setHeader("State").setAutoWidth(true);
        grid.addColumn(SignInThrottle.Entry::failures).setHeader("Failed sign-ins").setAutoWidth(true);
        grid.addColumn(entry -> TIME.format(entry.retryAt())).setHeader("Until").setAutoWidth(true);
        grid.addComponentColumn(entry -> {
            Button lift = new Button("Lift", click -> lift(entry));
            lift.setId("lift-" + entry.key().target().replaceAll("[^A-Za-z0-9_-]", "_"));
            lift.addThemeVariants(ButtonVariant.SMALL);
            return lift;
        }).setHeader("").setFlexGrow(0);
        grid.setAllRowsVisible(true);
        Button refresh = new Button("Refresh", click -> refresh());
        refresh.setId("sign-in-locks-refresh");
        refresh.addThemeVariants(ButtonVariant.TERTIARY);
        add(new H3("Sign-in locks"), new Paragraph("After repeated failed sign-ins a user name or a client address "
                + "waits before each attempt, then is locked for a while (Security.signIn in config.yml)."), empty,
                grid, refresh);
        refresh();
    }

    private void lift(SignInThrottle.Entry entry) {
        locks.lift(entry.key());
        Notification.show("Lifted the sign-in lock of " + entry.key().target() + ".", 4000,
                Notification.Position.BOTTOM_START);
        refresh();
    }

    private void refresh() {
        var current = locks.current();
        grid.setItems(current);
        grid.setVisible(!current.isEmpty());
        empty.setVisible(current.isEmpty());
    }
}
