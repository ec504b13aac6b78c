package com.poseops.registry.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * ApexCharts 4.7.0 as a Flow component (the Vaadin Charts add-on is commercial, and 4.7.0 is the last MIT release of
 * ApexCharts): the options are built on the server and handed over as JSON.
 */
@Tag("poseops-metric-chart")
@NpmPackage(value = "apexcharts", version = "4.7.0")
@JsModule("./components/metric-chart.ts")
class MetricChart extends Component implements HasSize {

    private String options = "";

    /** An ApexCharts options object as JSON. */
    void setOptions(String json) {
        options = json;
        getElement().setProperty("options", json);
    }

    String getOptions() {
        return options;
    }
}
