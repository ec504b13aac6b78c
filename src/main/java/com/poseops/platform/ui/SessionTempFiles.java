package com.poseops.platform.ui;

import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.TempFiles;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Temporary files (uploads waiting for a click) belong to the browser session that received them: when the session
 * ends (sign-out, expiry, a closed browser after its timeout) whatever it left is deleted.
 */
@Component
public class SessionTempFiles implements VaadinServiceInitListener {

    private static final String OWNER = SessionTempFiles.class.getName() + ".owner";

    private final TempFiles tempFiles;

    SessionTempFiles(DataDirectory dataDirectory) {
        this.tempFiles = dataDirectory.tempFiles();
    }

    /** The owner name of a session's temporary files (made on first use). */
    public static String owner(VaadinSession session) {
        Object owner = session.getAttribute(OWNER);
        if (owner instanceof String name) {
            return name;
        }
        String name = "session-" + UUID.randomUUID();
        session.setAttribute(OWNER, name);
        return name;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionDestroyListener(destroyed -> {
            Object owner = destroyed.getSession().getAttribute(OWNER);
            if (owner instanceof String name) {
                tempFiles.release(name);
            }
        });
    }
}
