package com.poseops.platform.ui;

import com.poseops.platform.Throwables;
import com.poseops.platform.persistence.DatabaseStatus;
import com.poseops.platform.persistence.DiskFullException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Errors in event handlers (a click, an upload) become a notification a person can act on; the stack trace goes to
 * the server log under an incident id. A refused action shows the reason the service gave.
 */
@Component
class UiErrorHandling implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiErrorHandling.class);

    private final DatabaseStatus database;

    UiErrorHandling(DatabaseStatus database) {
        this.database = database;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this::handle));
    }

    void handle(ErrorEvent event) {
        Throwable error = event.getThrowable();
        String message;
        AccessDeniedException denied = Throwables.find(error, AccessDeniedException.class);
        DiskFullException diskFull = Throwables.find(error, DiskFullException.class);
        if (denied != null) {
            message = denied.getMessage();
        } else if (diskFull != null || DiskFullException.isDiskFull(error)) {
            log.warn("Refused for lack of disk space: {}", error.toString());
            message = diskFull != null ? diskFull.getMessage() : "The disk of the data directory is full. Free some "
                    + "space there (old uploads, logs) and try again.";
        } else if (!database.available()) {
            log.warn("Failed while the database is not available: {}", error.toString());
            message = database.current().message() + " Nothing was changed; try again then.";
        } else {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            log.error("Incident {}", incident, error);
            message = "Something went wrong on the server and nothing was changed. Try again; if it keeps happening, "
                    + "give your administrator the incident id " + incident + ".";
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.access(() -> {
                Notification notification = Notification.show(message, 8000, Notification.Position.TOP_CENTER);
                notification.addThemeVariants(NotificationVariant.ERROR);
            });
        }
    }
}
