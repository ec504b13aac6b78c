package com.poseops.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.registry.MetricComparison.Delta;
import com.poseops.registry.MetricComparison.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which way is better per metric: less error and latency, more PCK and score. */
class MetricComparisonTest {

    @Test
    void lowerErrorAndLatencyAreBetterHigherPckAndScoreAreBetter() {
        Map<String, String> serving = Map.of("meanErrorPx", "9.00", "maxErrorPx", "20.00", "pck005", "0.900",
                "meanScore", "0.700", "p50LatencyMs", "10.0");
        Map<String, String> candidate = Map.of("meanErrorPx", "8.50", "maxErrorPx", "25.00", "pck005", "0.950",
                "meanScore", "0.600", "p50LatencyMs", "10.0");
        List<Delta> deltas = MetricComparison.compare(candidate, serving);
        assertThat(deltas).extracting(d -> d.metric().name(), Delta::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("meanErrorPx", Verdict.BETTER),
                org.assertj.core.groups.Tuple.tuple("maxErrorPx", Verdict.WORSE),
                org.assertj.core.groups.Tuple.tuple("pck005", Verdict.BETTER),
                org.assertj.core.groups.Tuple.tuple("meanScore", Verdict.WORSE),
                org.assertj.core.groups.Tuple.tuple("p50LatencyMs", Verdict.SAME));
        assertThat(deltas.getFirst().delta()).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void missingOrBrokenNumbersAreLeftOut() {
        assertThat(MetricComparison.compare(Map.of("meanErrorPx", "NaN", "pck005", "x"),
                Map.of("meanErrorPx", "1", "pck005", "0.5"))).isEmpty();
        assertThat(MetricComparison.compare(Map.of("meanErrorPx", "1"), Map.of())).isEmpty();
        assertThat(MetricComparison.number("Infinity")).isNull();
        assertThat(MetricComparison.number(" 2.5 ")).isEqualTo(2.5);
    }
}
