package com.poseops.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.persistence.DatabaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check every sign-in goes through, with Spring's real DaoAuthenticationProvider and BCrypt behind it
 * (the audit log, DynamoDB-backed, is the only stand-in).
 */
class SignInGuardTest {

    private final AuditLog auditLog = mock(AuditLog.class);
    private final CountingEncoder encoder = new CountingEncoder(new BCryptPasswordEncoder(4));
    private final SignInThrottleTest.MutableClock clock =
            new SignInThrottleTest.MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Limits(3, 10),
            new SignInThrottle.Limits(10, 50), Duration.ofSeconds(30), Duration.ofMinutes(15), clock);
    private DatabaseStatus.State databaseState = DatabaseStatus.State.AVAILABLE;

    private SignInGuard guard(SignInGuard.Channel channel) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("alice")
                .password(encoder.encode("right")).roles("VIEWER").build());
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        encoder.matches.set(0);
        return new SignInGuard(channel, passwords, throttle, auditLog, database());
    }

    @Test
    void aHugeUserNameWithLineBreaksIsRefusedWithoutReachingTheAuditLogOrThePasswordCheck() {
        SignInGuard guard = guard(SignInGuard.Channel.FORM);
        String hostile = "a".repeat(500_000) + "\r\n2026-11-29 INFO forged line";

        assertThatThrownBy(() -> guard.authenticate(attempt(hostile, "x", "10.0.0.1")))
                .isInstanceOf(BadCredentialsException.class);

        ArgumentCaptor<String> actor = ArgumentCaptor.forClass(String.class);
        ArgumentCaptor<String> comment = ArgumentCaptor.forClass(String.class);
        verify(auditLog).record(actor.capture(), eq("sign-in"), eq("console"), eq(Outcome.FAILURE), comment.capture());
        assertThat(actor.getValue()).isEqualTo(UserNames.REFUSED_ACTOR);
        assertThat(comment.getValue()).hasSizeLessThan(200).contains(String.format(java.util.Locale.ROOT, "%,d characters", hostile.length()))
                .contains("2 control characters").doesNotContain("aaaa").doesNotContain("forged");
        assertThat(encoder.matches.get()).as("passwords checked").isZero();
    }

    @Test
    void anUnknownUserCostsTheSameOnePasswordHashAsAKnownOneAndGetsTheSameAnswer() {
        SignInGuard guard = guard(SignInGuard.Channel.FORM);
        Throwable known = org.assertj.core.api.Assertions.catchThrowable(() ->
                guard.authenticate(attempt("alice", "wrong", "10.0.0.1")));
        int knownHashes = encoder.matches.getAndSet(0);
        Throwable unknown = org.assertj.core.api.Assertions.catchThrowable(() ->
                guard.authenticate(attempt("mallory", "wrong", "10.0.0.2")));
        int unknownHashes = encoder.matches.get();

        assertThat(knownHashes).as("BCrypt comparisons for a known name").isEqualTo(1);
        assertThat(unknownHashes).as("BCrypt comparisons for an unknown name").isEqualTo(1);
        assertThat(unknown).isExactlyInstanceOf(known.getClass()).hasMessage(known.getMessage());
    }

    @Test
    void afterThreeWrongPasswordsTheNextGuessWaitsWithoutItsPasswordBeingChecked() {
        SignInGuard guard = guard(SignInGuard.Channel.FORM);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guard.authenticate(attempt("alice", "wrong", "10.0.0.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        encoder.matches.set(0);

        assertThatThrownBy(() -> guard.authenticate(attempt("alice", "right", "10.0.0.1")))
                .isInstanceOfSatisfying(SignInRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(SignInRefusedException.Reason.THROTTLED);
                    assertThat(refused.getMessage()).isEqualTo("Too many failed sign-ins: wait 1 s before trying again.");
                });
        assertThat(encoder.matches.get()).as("passwords checked while waiting").isZero();

        clock.advance(Duration.ofSeconds(1));
        Authentication signedIn = guard.authenticate(attempt("alice", "right", "10.0.0.1"));
        assertThat(signedIn.isAuthenticated()).isTrue();
        verify(auditLog).record(eq("alice"), eq("sign-in"), eq("console"), eq(Outcome.SUCCESS), anyString());
    }

    @Test
    void theTenthFailureLocksTheAccountOnceAuditedAndTheRightPasswordIsThenRefused() {
        SignInGuard guard = guard(SignInGuard.Channel.FORM);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(31));
            assertThatThrownBy(() -> guard.authenticate(attempt("alice", "wrong", "10.0.0.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        verify(auditLog, times(1)).record(eq("system"), eq(SignInGuard.LOCK_ACTION), eq("account:alice"),
                eq(Outcome.DENIED), anyString());
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> guard.authenticate(attempt("alice", "right", "10.0.0.1")))
                    .isInstanceOfSatisfying(SignInRefusedException.class, refused -> {
                        assertThat(refused.reason()).isEqualTo(SignInRefusedException.Reason.LOCKED);
                        assertThat(refused.getMessage()).contains("locked until").contains("System page");
                    });
        }
        verify(auditLog, times(10)).record(anyString(), eq("sign-in"), anyString(), eq(Outcome.FAILURE), anyString());
    }

    @Test
    void whileTheDatabaseRestartsSignInIsRefusedWithThatReason() {
        SignInGuard guard = guard(SignInGuard.Channel.FORM);
        databaseState = DatabaseStatus.State.RESTARTING;
        assertThatThrownBy(() -> guard.authenticate(attempt("alice", "right", "10.0.0.1")))
                .isInstanceOfSatisfying(SignInRefusedException.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(SignInRefusedException.Reason.DATABASE_UNAVAILABLE);
                    assertThat(refused.getMessage()).contains("The database is restarting");
                });
        verify(auditLog, never()).record(anyString(), anyString(), anyString(), any(), any());
    }

    @Test
    void whileTheDatabaseStartsSignInIsNotRefusedButChecked() {
        SignInGuard guard = guard(SignInGuard.Channel.FORM);
        databaseState = DatabaseStatus.State.STARTING;
        // The database client holds the request until the database is ready; the guard does not refuse it.
        assertThat(guard.authenticate(attempt("alice", "right", "10.0.0.1")).getName()).isEqualTo("alice");
        verify(auditLog).record(eq("alice"), eq("sign-in"), anyString(), eq(Outcome.SUCCESS), any());
    }

    @Test
    void actuatorScrapesAreAuditedOncePerUserNotOnEveryRequest() {
        SignInGuard guard = guard(SignInGuard.Channel.ACTUATOR);
        for (int i = 0; i < 5; i++) {
            guard.authenticate(attempt("alice", "right", "127.0.0.1"));
        }
        verify(auditLog, times(1)).record(eq("alice"), eq("actuator.access"), eq("actuator"), eq(Outcome.SUCCESS),
                anyString());
    }

    private static Authentication attempt(String name, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    private DatabaseStatus database() {
        return new DatabaseStatus() {
            @Override
            public Snapshot current() {
                return switch (databaseState) {
                    case AVAILABLE -> new Snapshot(State.AVAILABLE, "The database is running.", Instant.EPOCH);
                    case STARTING -> new Snapshot(State.STARTING, STARTING_MESSAGE, Instant.EPOCH);
                    default -> new Snapshot(databaseState, "The database is restarting; try again.", Instant.EPOCH);
                };
            }

            @Override
            public Subscription subscribe(Consumer<Snapshot> listener) {
                return () -> { };
            }
        };
    }

    /** BCrypt, counting its comparisons. */
    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        final AtomicInteger matches = new AtomicInteger();

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return delegate.matches(raw, encoded);
        }
    }
}
