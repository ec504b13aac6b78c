package com.poseops.endpoints.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.RollbackAlarm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollback alarms as local mode evaluates them: CloudWatch's rules over the requests the front door routed. */
class LocalAlarmsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final List<RollbackAlarm> alarms = RollbackAlarm.define("e", 0.5, 0.05, 60);
    private final RollbackAlarm latency = alarms.get(0);
    private final RollbackAlarm errors = alarms.get(1);

    @Test
    void noRequestsInTheWindowIsInsufficientDataNotOk() {
        LocalAlarms local = new LocalAlarms();
        local.record(NOW.minusSeconds(120), "c1", 900_000, false);
        assertThat(local.evaluate(latency, Instant.EPOCH, NOW, null)).isEqualTo(RollbackAlarm.State.INSUFFICIENT_DATA);
    }

    @Test
    void averageModelLatencyAboveTheThresholdIsAlarmAtOrBelowIsOk() {
        LocalAlarms local = new LocalAlarms();
        local.record(NOW.minusSeconds(10), "c1", 400_000, false);
        local.record(NOW.minusSeconds(5), "c1", 500_000, false);
        assertThat(local.evaluate(latency, Instant.EPOCH, NOW, null)).isEqualTo(RollbackAlarm.State.OK);
        local.record(NOW.minusSeconds(1), "c1", 1_000_000, false);
        assertThat(local.evaluate(latency, Instant.EPOCH, NOW, null)).isEqualTo(RollbackAlarm.State.ALARM);
    }

    @Test
    void theErrorRateCountsServerErrorsAmongAllRequests() {
        LocalAlarms local = new LocalAlarms();
        for (int i = 0; i < 19; i++) {
            local.record(NOW.minusSeconds(30), "c1", 10_000, false);
        }
        local.record(NOW.minusSeconds(20), "c1", 10_000, true);
        assertThat(local.evaluate(errors, Instant.EPOCH, NOW, null)).as("1 in 20 = 5 %: not above")
                .isEqualTo(RollbackAlarm.State.OK);
        local.record(NOW.minusSeconds(10), "c1", 10_000, true);
        assertThat(local.evaluate(errors, Instant.EPOCH, NOW, null)).isEqualTo(RollbackAlarm.State.ALARM);
    }

    @Test
    void aDeploymentJudgesOnlyItsNewFleetsRequestsSinceTheBakeBegan() {
        LocalAlarms local = new LocalAlarms();
        local.record(NOW.minusSeconds(20), "c1", 2_000_000, false); // the old fleet, slow
        local.record(NOW.minusSeconds(2), "c2", 100_000, false);   // the new fleet, fast
        assertThat(local.evaluate(latency, NOW.minusSeconds(5), NOW, "c2")).isEqualTo(RollbackAlarm.State.OK);
        assertThat(local.evaluate(latency, NOW.minusSeconds(5), NOW, "c1"))
                .isEqualTo(RollbackAlarm.State.INSUFFICIENT_DATA);
        assertThat(local.evaluate(latency, Instant.EPOCH, NOW, null)).isEqualTo(RollbackAlarm.State.ALARM);
    }
}
