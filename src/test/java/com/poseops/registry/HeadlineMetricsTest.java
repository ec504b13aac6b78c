package com.poseops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlineMetricsTest {

    @Test
    void acceptsNumbersAndUnitsAndSortsByName() {
        assertThat(HeadlineMetrics.checked(Map.of("mAP", "57.4", "latency", "13 ms", "loss", "-1.2e-3")))
                .containsExactly(Map.entry("latency", "13 ms"), Map.entry("loss", "-1.2e-3"), Map.entry("mAP", "57.4"));
    }

    @Test
    void refusesWhatSageMakerMetadataCannotHold() {
        assertThatThrownBy(() -> HeadlineMetrics.checked(Map.of("accuracy", "57.4%")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accuracy");
        assertThatThrownBy(() -> HeadlineMetrics.checked(Map.of("bad name!", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name!");
        assertThatThrownBy(() -> HeadlineMetrics.checked(Map.of("blank", " ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeadlineMetrics.checked(Map.of("long", "9".repeat(257))))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= HeadlineMetrics.MAX_COUNT; i++) {
            many.put("m" + i, "1");
        }
        assertThatThrownBy(() -> HeadlineMetrics.checked(many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("At most 40");
    }
}
