package com.poseops.platform.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Audits an event the framework refused because its control is hidden or disabled — what a forged request for a
 * button the user was never shown (Register for a VIEWER) ends as. Vaadin drops such an event before any listener
 * runs and only writes an INFO line ("Ignored RPC … for an inactive (disabled or invisible) node …"); this appender on
 * that logger turns the line into a {@code ui.event-refused} DENIED entry of the signed-in user, naming the component
 * and view. At most {@link #PER_USER_PER_MINUTE} entries per user and minute, so a flood of forged events cannot flood
 * the audit log (the log line stays). A click that races its button being hidden is recorded the same way.
 */
public final class RefusedClientEventAuditor extends AppenderBase<ILoggingEvent> {

    public static final String ACTION = "ui.event-refused";
    /** The Flow class whose log line reports a refused event (Vaadin 25). */
    static final String VAADIN_LOGGER = "com.vaadin.flow.server.communication.rpc.AbstractRpcInvocationHandler";
    static final int PER_USER_PER_MINUTE = 10;
    private static final Pattern COMPONENT = Pattern.compile("Component: '([^']*)'");
    private static final Pattern ROUTE = Pattern.compile("Route: '([^']*)'");
    private static final Pattern TAG = Pattern.compile("tag '([^']*)'");

    private record Window(Instant start, int count) {
    }

    private final AuditLog auditLog;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RefusedClientEventAuditor(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
        // One per application context (tests run several): each audits into its own log, none replaces another.
        setName(RefusedClientEventAuditor.class.getSimpleName() + "@"
                + Integer.toHexString(System.identityHashCode(this)));
    }

    /** Attaches a new auditor to Vaadin's logger and starts it; {@link #detach()} when the context closes. */
    static RefusedClientEventAuditor attach(AuditLog auditLog, Clock clock) {
        RefusedClientEventAuditor auditor = new RefusedClientEventAuditor(auditLog, clock);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            auditor.setContext(context);
            Logger logger = context.getLogger(VAADIN_LOGGER);
            if (!logger.isInfoEnabled()) {
                logger.setLevel(Level.INFO);
            }
            logger.addAppender(auditor);
            auditor.start();
        }
        return auditor;
    }

    void detach() {
        stop();
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(VAADIN_LOGGER).detachAppender(this);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (message == null || !message.startsWith("Ignored RPC") || !message.contains("inactive")) {
            return;
        }
        try {
            CurrentUser user = CurrentUser.get();
            if (!allowed(user.username())) {
                return;
            }
            String component = find(COMPONENT, message, find(TAG, message, "a control"));
            String route = find(ROUTE, message, "");
            String target = "route:" + (route.isEmpty() ? "?" : route);
            auditLog.record(user.username(), ACTION, target, Outcome.DENIED, "An event for a hidden or disabled "
                    + component.substring(component.lastIndexOf('.') + 1) + " was refused by the framework (a "
                    + "forged request, or a click that raced the control being hidden).");
        } catch (RuntimeException e) {
            addWarn("Could not audit a refused client event", e);
        }
    }

    private boolean allowed(String username) {
        Instant now = clock.instant();
        Window window = windows.compute(username, (name, current) ->
                current == null || Duration.between(current.start(), now).toSeconds() >= 60
                        ? new Window(now, 1) : new Window(current.start(), current.count() + 1));
        if (windows.size() > 10_000) {
            windows.clear();
        }
        return window.count() <= PER_USER_PER_MINUTE;
    }

    private static String find(Pattern pattern, String text, String fallback) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : fallback;
    }
}
