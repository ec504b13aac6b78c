package com.poseops.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Password guessing slowed per account and per client: waits that double, then a lock an ADMIN can lift. */
class SignInThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Limits(3, 10),
            new SignInThrottle.Limits(10, 50), Duration.ofSeconds(30), Duration.ofMinutes(15), clock);

    @Test
    void afterThreeFailuresEachGuessWaitsLongerThanTheOneBefore() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.check("alice", "10.0.0.1")).as("attempt %s is free", i + 1).isEmpty();
            throttle.failed("alice", "10.0.0.1");
        }
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SignInThrottle.Refusal refusal = throttle.check("alice", "10.0.0.1").orElseThrow();
            assertThat(refusal.locked()).isFalse();
            assertThat(refusal.key()).isEqualTo(new SignInThrottle.Key(SignInThrottle.Scope.ACCOUNT, "alice"));
            waits.add(refusal.remaining());
            clock.advance(refusal.remaining());
            assertThat(throttle.check("alice", "10.0.0.1")).as("allowed once the wait is over").isEmpty();
            throttle.failed("alice", "10.0.0.1");
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16));
    }

    @Test
    void guessingAnAccountFromOneClientIsSlowedToAtMostOneAttemptPerSecondAfterAFewFailures() {
        int checked = 0;
        Instant start = clock.instant();
        // An attacker trying as fast as the server answers (every 50 ms) for 2 minutes.
        while (clock.instant().isBefore(start.plus(Duration.ofMinutes(2)))) {
            if (throttle.check("admin", "203.0.113.9").isEmpty()) {
                checked++;
                throttle.failed("admin", "203.0.113.9");
            }
            clock.advance(Duration.ofMillis(50));
        }
        assertThat(checked).as("passwords actually checked in 2 minutes").isLessThanOrEqualTo(10);
        assertThat(throttle.check("admin", "203.0.113.9")).hasValueSatisfying(refusal ->
                assertThat(refusal.locked()).as("locked after 10 failures").isTrue());
    }

    @Test
    void tenFailuresLockTheAccountForTheLockDurationAndAnAdminCanLiftIt() {
        List<SignInThrottle.Refusal> locks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(31));
            locks.addAll(throttle.failed("bob", "10.0.0." + i)); // different addresses: only the account adds up
        }
        assertThat(locks).as("the locks the tenth failure started").singleElement()
                .satisfies(lock -> assertThat(lock.key().target()).isEqualTo("account:bob"));
        SignInThrottle.Refusal refusal = throttle.check("bob", "10.9.9.9").orElseThrow();
        assertThat(refusal.locked()).isTrue();
        assertThat(refusal.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(throttle.current()).extracting(entry -> entry.key().target(), SignInThrottle.Entry::locked)
                .contains(org.assertj.core.groups.Tuple.tuple("account:bob", true));

        assertThat(throttle.lift(new SignInThrottle.Key(SignInThrottle.Scope.ACCOUNT, "bob"))).isTrue();
        assertThat(throttle.check("bob", "10.9.9.9")).as("after the lock was lifted").isEmpty();
    }

    @Test
    void aLockEndsByItselfAndAnUnknownNameIsTreatedLikeAKnownOne() {
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(31));
            throttle.failed("no-such-user", "10.0.0." + i);
        }
        assertThat(throttle.check("no-such-user", "10.1.1.1")).hasValueSatisfying(r -> assertThat(r.locked()).isTrue());
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.check("no-such-user", "10.1.1.1")).as("15 minutes later").isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountButNotTheClient() {
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(31));
            throttle.failed("user" + i, "198.51.100.7"); // spraying many names from one address
        }
        assertThat(throttle.check("carol", "198.51.100.7")).as("the address waits, whatever the name")
                .hasValueSatisfying(r -> assertThat(r.key().target()).isEqualTo("client:198.51.100.7"));
        throttle.succeeded("user11");
        assertThat(throttle.check("user11", "198.51.100.7")).as("a good password elsewhere does not reset the address")
                .isPresent();
    }

    @Test
    void invalidNamesCountAgainstTheClientOnly() {
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(31));
            throttle.failed(null, "192.0.2.1");
        }
        assertThat(throttle.check(null, "192.0.2.1")).isPresent();
        assertThat(throttle.check("alice", "192.0.2.2")).isEmpty();
    }

    @Test
    void theNumberOfTrackedKeysIsBounded() {
        for (int i = 0; i < SignInThrottle.MAX_TRACKED + 500; i++) {
            throttle.failed("name" + i, "10.0.0.1");
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(throttle.tracked()).as("keys remembered after %s different names", SignInThrottle.MAX_TRACKED + 500)
                .isLessThanOrEqualTo(SignInThrottle.MAX_TRACKED + 2);
        assertThat(throttle.check(null, "10.0.0.1")).as("the guessing address is still locked").isPresent();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
