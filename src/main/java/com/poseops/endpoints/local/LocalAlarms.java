package com.poseops.endpoints.local;

import com.poseops.endpoints.RollbackAlarm;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The rollback alarms evaluated on this machine, over the traffic the front door routes — the same rules CloudWatch
 * evaluates in aws mode ({@link RollbackAlarm}): average ModelLatency (µs) above the threshold, or the share of
 * requests the model answered 5xx above the threshold, over the last period. No traffic in the window gives
 * INSUFFICIENT_DATA, as in CloudWatch. Unlike CloudWatch (which sees the whole variant, old and new fleet), a local
 * deployment judges only the requests its new fleet answered during the current bake. Samples older than the longest
 * period SageMaker allows are dropped.
 */
final class LocalAlarms {

    /** SageMaker's longest wait; no alarm looks further back in local mode. */
    private static final Duration KEPT = Duration.ofHours(1);
    /** A bound on memory under heavy traffic (a sample is ~40 bytes). */
    private static final int MAX_SAMPLES = 200_000;

    private record Sample(Instant at, @Nullable String configName, long modelLatencyMicros, boolean serverError) {
    }

    private final ConcurrentLinkedDeque<Sample> samples = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    /**
     * One routed request: the configuration whose fleet answered it (null: none could), the variant's answer time and
     * whether the model (or the front door) answered 5xx.
     */
    void record(Instant at, @Nullable String configName, long modelLatencyMicros, boolean serverError) {
        samples.addLast(new Sample(at, configName, modelLatencyMicros, serverError));
        if (size.incrementAndGet() > MAX_SAMPLES && samples.pollFirst() != null) {
            size.decrementAndGet();
        }
        Instant oldest = at.minus(KEPT);
        for (Sample first = samples.peekFirst(); first != null && first.at().isBefore(oldest);
                first = samples.peekFirst()) {
            if (samples.pollFirst() != null) {
                size.decrementAndGet();
            }
        }
    }

    /**
     * The alarm's state over the requests of the last period, counting none before {@code notBefore}.
     *
     * @param configName only requests answered by this configuration's fleet (a deployment judges its new fleet by
     *                   the traffic it served while baking), or null for all
     */
    RollbackAlarm.State evaluate(RollbackAlarm alarm, Instant notBefore, Instant now, @Nullable String configName) {
        Instant windowStart = now.minusSeconds(alarm.periodSeconds());
        if (windowStart.isBefore(notBefore)) {
            windowStart = notBefore;
        }
        long count = 0;
        double latencySum = 0;
        long errors = 0;
        for (Iterator<Sample> it = samples.descendingIterator(); it.hasNext(); ) {
            Sample sample = it.next();
            if (sample.at().isBefore(windowStart)) {
                break;
            }
            if (sample.at().isAfter(now) || configName != null && !configName.equals(sample.configName())) {
                continue;
            }
            count++;
            latencySum += sample.modelLatencyMicros();
            errors += sample.serverError() ? 1 : 0;
        }
        if (count == 0) {
            return RollbackAlarm.State.INSUFFICIENT_DATA;
        }
        double value = switch (alarm.kind()) {
            case LATENCY -> latencySum / count;
            case ERROR_RATE -> (double) errors / count;
        };
        return value > alarm.threshold() ? RollbackAlarm.State.ALARM : RollbackAlarm.State.OK;
    }
}
