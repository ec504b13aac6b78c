package com.poseops.platform.security;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.persistence.DatabaseStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every password check of the console goes through here — the sign-in form and HTTP basic on the actuator — so that
 * one place bounds, throttles and audits them:
 * <ol>
 * <li>a user name outside {@link UserNames#PATTERN} is refused as a wrong password, and only its length reaches the
 * audit log;</li>
 * <li>a name or client address that failed too often waits or is locked ({@link SignInThrottle}), without its password
 * being checked, and the lock is audited once;</li>
 * <li>while the database restarts, sign-ins are refused with that reason (nothing could be audited);</li>
 * <li>the password is checked by Spring's {@code DaoAuthenticationProvider}, which spends the same BCrypt time on an
 * unknown name as on a known one.</li>
 * </ol>
 * The form's sign-ins and failures are audited as {@code sign-in}; the actuator's successes once per user and run as
 * {@code actuator.access} (a scrape every 15 s is not a sign-in), its failures each time.
 */
public final class SignInGuard implements AuthenticationProvider {

    /** Where a password check comes from, and how it is audited. */
    public enum Channel {
        FORM("sign-in", "console"), ACTUATOR("actuator.access", "actuator");

        private final String action;
        private final String target;

        Channel(String action, String target) {
            this.action = action;
            this.target = target;
        }

        public String action() {
            return action;
        }
    }

    static final String LOCK_ACTION = "sign-in.lock";
    private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);
    private static final DateTimeFormatter UNTIL =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Channel channel;
    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final AuditLog auditLog;
    private final DatabaseStatus database;
    private final Set<String> actuatorUsersAudited = ConcurrentHashMap.newKeySet();

    public SignInGuard(Channel channel, AuthenticationProvider passwords, SignInThrottle throttle, AuditLog auditLog,
            DatabaseStatus database) {
        this.channel = channel;
        this.passwords = passwords;
        this.throttle = throttle;
        this.auditLog = auditLog;
        this.database = database;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String typed = attempt.getName();
        String client = clientOf(attempt);
        boolean validName = UserNames.isValid(typed);
        // The user store ignores case, so the throttle does too ("ADMIN" is a guess at "admin").
        String account = validName ? typed.toLowerCase(Locale.ROOT) : null;

        SignInThrottle.Refusal refusal = throttle.check(account, client).orElse(null);
        if (refusal != null) {
            // Not audited one by one (the lock was, once): a flood must not grow the audit log.
            throw refused(refusal);
        }
        DatabaseStatus.Snapshot databaseNow = database.current();
        if (databaseNow.refusing()) {
            // While it starts, the sign-in waits for it instead (the database client holds the request).
            throw new SignInRefusedException(SignInRefusedException.Reason.DATABASE_UNAVAILABLE,
                    databaseNow.message());
        }
        if (!validName) {
            fail(account, client, UserNames.REFUSED_ACTOR, UserNames.describeRefused(typed));
            throw new BadCredentialsException("Bad credentials");
        }
        Authentication result;
        try {
            result = passwords.authenticate(attempt);
        } catch (AuthenticationException wrong) {
            fail(account, client, typed, wrong.getMessage());
            throw wrong;
        }
        if (result == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(account);
        auditSuccess(result.getName(), client);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void fail(@Nullable String account, String client, String actor, @Nullable String reason) {
        tryAudit(actor, channel.action, channel.target, Outcome.FAILURE,
                (reason == null ? "wrong user name or password" : reason) + " (from " + client + ")");
        for (SignInThrottle.Refusal lock : throttle.failed(account, client)) {
            tryAudit("system", LOCK_ACTION, lock.key().target(), Outcome.DENIED, "sign-in locked until "
                    + UNTIL.format(lock.until()) + " after repeated failures; an ADMIN can lift it on the System page");
        }
    }

    private void auditSuccess(String username, String client) {
        if (channel == Channel.ACTUATOR && !actuatorUsersAudited.add(username)) {
            return;
        }
        String comment = channel == Channel.ACTUATOR
                ? "HTTP basic from " + client + "; further actuator requests of this user are not audited until "
                        + "the console restarts"
                : "from " + client;
        try {
            auditLog.record(username, channel.action, channel.target, Outcome.SUCCESS, comment);
        } catch (RuntimeException e) {
            actuatorUsersAudited.remove(username);
            // A sign-in that cannot be audited does not happen.
            throw new SignInRefusedException(SignInRefusedException.Reason.DATABASE_UNAVAILABLE,
                    "The sign-in could not be recorded because the database does not answer. Try again in a "
                            + "minute; if it keeps happening, ask your administrator to check the console's log.");
        }
    }

    private void tryAudit(String actor, String action, String target, Outcome outcome, String comment) {
        try {
            auditLog.record(actor, action, target, outcome, comment);
        } catch (RuntimeException e) {
            log.warn("Could not audit {} {} {} {}: {}", actor, action, target, outcome, e.toString());
        }
    }

    private static SignInRefusedException refused(SignInThrottle.Refusal refusal) {
        if (refusal.locked()) {
            return new SignInRefusedException(SignInRefusedException.Reason.LOCKED, "Sign-in is locked until "
                    + UNTIL.format(refusal.until()) + " (server time) after repeated failures for this user name or "
                    + "from this address. Wait until then, or ask an administrator to lift the lock on the System "
                    + "page.");
        }
        long seconds = Math.max(1, (refusal.remaining().toMillis() + 999) / 1000);
        return new SignInRefusedException(SignInRefusedException.Reason.THROTTLED, "Too many failed sign-ins: wait "
                + seconds + " s before trying again.");
    }

    private static String clientOf(Authentication attempt) {
        if (attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }
}
