package com.poseops.platform.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's one chart component: ApexCharts 4.7.0 as a Flow component (the Vaadin Charts add-on is commercial, and
 * 4.7.0 is the last MIT release of ApexCharts). Options are built on the server and handed over as JSON.
 * <p>
 * What the chart shows is also carried, as JSON, in its {@code data-series} attribute (the {@code series} array of the
 * options), the same way the pose overlay carries {@code data-keypoints}: browser tests and people with the developer
 * tools read the plotted numbers from the page, never from private state. After ApexCharts has drawn, the element
 * sets {@code data-series-points} to the number of points drawn.
 */
@Tag("poseops-chart")
@NpmPackage(value = "apexcharts", version = "4.7.0")
@JsModule("./components/chart.ts")
public class Chart extends Component implements HasSize {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String options = "";

    /** An ApexCharts options object as JSON; its {@code series} also goes to {@code data-series}. */
    public void setOptions(String json) {
        options = json;
        getElement().setProperty("options", json);
        getElement().setAttribute("data-series", seriesOf(json));
    }

    public String getOptions() {
        return options;
    }

    /** The {@code data-series} attribute: the options' series array as JSON ({@code []} when there is none). */
    public String getSeries() {
        return getElement().getAttribute("data-series");
    }

    private static String seriesOf(String optionsJson) {
        if (optionsJson.isBlank()) {
            return "[]";
        }
        JsonNode series = JSON.readTree(optionsJson).get("series");
        return series == null || series.isNull() ? "[]" : JSON.writeValueAsString(series);
    }
}
