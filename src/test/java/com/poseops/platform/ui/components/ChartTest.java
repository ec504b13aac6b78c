package com.poseops.platform.ui.components;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a chart plots is readable from the page: the options' series, as JSON, in {@code data-series}. */
class ChartTest {

    @Test
    void theSeriesOfTheOptionsAreCarriedInDataSeries() {
        Chart chart = new Chart();
        chart.setOptions("""
                {"chart":{"type":"line"},"series":[{"name":"p50","data":[{"x":1,"y":2.5}]}]}""");
        assertThat(chart.getElement().getAttribute("data-series"))
                .isEqualTo("[{\"name\":\"p50\",\"data\":[{\"x\":1,\"y\":2.5}]}]");
        assertThat(chart.getElement().getProperty("options")).contains("\"type\":\"line\"");
    }

    @Test
    void optionsWithoutSeriesGiveAnEmptyArray() {
        Chart chart = new Chart();
        chart.setOptions("{\"chart\":{\"type\":\"line\"}}");
        assertThat(chart.getSeries()).isEqualTo("[]");
        chart.setOptions("");
        assertThat(chart.getSeries()).isEqualTo("[]");
    }
}
