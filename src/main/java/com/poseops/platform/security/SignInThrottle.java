package com.poseops.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Slows password guessing per account and per client address. After {@code freeFailures} failed sign-ins of one key
 * each further attempt must wait 1 s, 2 s, 4 s … (at most {@code maxDelay}) after the last failure; after
 * {@code lockAfterFailures} the key is locked for {@code lockDuration}. A success clears the account's failures; a
 * key with no failure for {@code lockDuration} is forgotten. Accounts are keyed by the name typed, whether or not
 * such an account exists, so that the answers never tell which names are real.
 *
 * <p>Kept in memory (a restart forgets it) and bounded: at most {@link #MAX_TRACKED} keys, the stalest dropped first.
 */
public final class SignInThrottle {

    static final int MAX_TRACKED = 10_000;

    public enum Scope {
        ACCOUNT, CLIENT
    }

    /** When a key starts waiting and when it is locked. */
    public record Limits(int freeFailures, int lockAfterFailures) {
    }

    /** An account name or a client address. */
    public record Key(Scope scope, String value) {

        /** How the audit log names it, e.g. {@code account:alice}, {@code client:10.0.0.7}. */
        public String target() {
            return (scope == Scope.ACCOUNT ? "account:" : "client:") + value;
        }
    }

    /** Why an attempt is refused before its password is checked, and for how much longer. */
    public record Refusal(Key key, boolean locked, Instant until, Duration remaining) {
    }

    /** A key that is waiting or locked now, for the administrator. */
    public record Entry(Key key, int failures, Instant lastFailure, @Nullable Instant lockedUntil, Instant retryAt) {

        public boolean locked() {
            return lockedUntil != null;
        }
    }

    private static final class State {
        int failures;
        Instant lastFailure = Instant.EPOCH;
        @Nullable Instant lockedUntil;
    }

    private final Limits accountLimits;
    private final Limits clientLimits;
    private final Duration maxDelay;
    private final Duration lockDuration;
    private final Clock clock;
    private final Map<Key, State> states = new ConcurrentHashMap<>();

    public SignInThrottle(Limits accountLimits, Limits clientLimits, Duration maxDelay, Duration lockDuration,
            Clock clock) {
        this.accountLimits = accountLimits;
        this.clientLimits = clientLimits;
        this.maxDelay = maxDelay;
        this.lockDuration = lockDuration;
        this.clock = clock;
    }

    /** The refusal for an attempt now, if any; {@code account} is null when the name was not even a valid one. */
    public Optional<Refusal> check(@Nullable String account, String client) {
        Instant now = clock.instant();
        Refusal refusal = null;
        for (Key key : keys(account, client)) {
            Refusal one = refusalOf(key, now);
            if (one != null && (refusal == null || one.locked() && !refusal.locked()
                    || one.locked() == refusal.locked() && one.until().isAfter(refusal.until()))) {
                refusal = one;
            }
        }
        return Optional.ofNullable(refusal);
    }

    /** Counts a failed attempt; returns the locks this failure started (to be audited once each). */
    public List<Refusal> failed(@Nullable String account, String client) {
        Instant now = clock.instant();
        List<Refusal> locked = new ArrayList<>();
        for (Key key : keys(account, client)) {
            Limits limits = limits(key);
            State state = states.computeIfAbsent(key, k -> new State());
            synchronized (state) {
                forgetIfStale(state, now);
                state.failures++;
                state.lastFailure = now;
                if (state.failures >= limits.lockAfterFailures() && state.lockedUntil == null) {
                    state.lockedUntil = now.plus(lockDuration);
                    locked.add(new Refusal(key, true, state.lockedUntil, lockDuration));
                }
            }
        }
        if (states.size() > MAX_TRACKED) {
            prune(now);
        }
        return locked;
    }

    /** A correct password clears the account's failures (not the client's: one good account must not hide guessing). */
    public void succeeded(String account) {
        states.remove(new Key(Scope.ACCOUNT, account));
    }

    /** Lifts a lock or a wait; false when the key was neither waiting nor locked. */
    public boolean lift(Key key) {
        return states.remove(key) != null;
    }

    /** Every key that is waiting or locked now, locked ones first. */
    public List<Entry> current() {
        Instant now = clock.instant();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Key, State> entry : states.entrySet()) {
            State state = entry.getValue();
            synchronized (state) {
                Refusal refusal = refusalOf(entry.getKey(), now);
                if (refusal != null) {
                    entries.add(new Entry(entry.getKey(), state.failures, state.lastFailure, state.lockedUntil,
                            refusal.until()));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::locked).reversed().thenComparing(e -> e.key().target()));
        return entries;
    }

    /** How many keys are remembered now (bounded by {@link #MAX_TRACKED}, give or take one failure's keys). */
    int tracked() {
        return states.size();
    }

    private @Nullable Refusal refusalOf(Key key, Instant now) {
        State state = states.get(key);
        if (state == null) {
            return null;
        }
        synchronized (state) {
            forgetIfStale(state, now);
            if (state.lockedUntil != null) {
                return new Refusal(key, true, state.lockedUntil, Duration.between(now, state.lockedUntil));
            }
            int beyond = state.failures - limits(key).freeFailures();
            if (beyond < 0) {
                return null;
            }
            Instant retryAt = state.lastFailure.plus(delay(beyond));
            return now.isBefore(retryAt) ? new Refusal(key, false, retryAt, Duration.between(now, retryAt)) : null;
        }
    }

    /** 1 s after the last free failure, doubling with each further one, at most maxDelay. */
    Duration delay(int failuresBeyondFree) {
        long seconds = 1L << Math.min(failuresBeyondFree, 30);
        Duration delay = Duration.ofSeconds(seconds);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** An expired lock starts the key afresh; so does a key with no failure for the lock duration. */
    private void forgetIfStale(State state, Instant now) {
        if (state.lockedUntil != null) {
            if (!now.isBefore(state.lockedUntil)) {
                state.lockedUntil = null;
                state.failures = 0;
            }
        } else if (state.failures > 0 && !now.isBefore(state.lastFailure.plus(lockDuration))) {
            state.failures = 0;
        }
    }

    private void prune(Instant now) {
        states.entrySet().removeIf(entry -> {
            State state = entry.getValue();
            synchronized (state) {
                forgetIfStale(state, now);
                return state.failures == 0 && state.lockedUntil == null;
            }
        });
        int excess = states.size() - MAX_TRACKED;
        if (excess > 0) {
            states.entrySet().stream()
                    .filter(entry -> entry.getValue().lockedUntil == null)
                    .sorted(Comparator.comparing(entry -> entry.getValue().lastFailure))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(states::remove);
        }
    }

    private Limits limits(Key key) {
        return key.scope() == Scope.ACCOUNT ? accountLimits : clientLimits;
    }

    private static List<Key> keys(@Nullable String account, String client) {
        return account == null ? List.of(new Key(Scope.CLIENT, client))
                : List.of(new Key(Scope.ACCOUNT, account), new Key(Scope.CLIENT, client));
    }
}
