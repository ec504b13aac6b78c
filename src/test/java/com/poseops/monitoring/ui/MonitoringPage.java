package com.poseops.monitoring.ui;

import static com.poseops.testsupport.ConsoleUi.waitForVaadin;

import com.poseops.testsupport.Browser;
import com.poseops.testsupport.PackagedApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * The Monitoring page as a browser has it, for the end-to-end tests of both modes: what the charts carry in
 * {@code data-series} and {@code data-markers}, what ApexCharts drew, the violations listed and the alarm badges.
 */
final class MonitoringPage {

    private final Browser browser;
    private final PackagedApp app;

    MonitoringPage(Browser browser, PackagedApp app) {
        this.browser = browser;
        this.app = app;
    }

    /** Opens the page for a range ({@code 15m}, {@code 1h} …) and waits for the six charts. */
    MonitoringPage open(String range) {
        browser.open(app.url("/monitoring?range=" + range));
        browser.waitFor("the six charts", driver -> driver.findElements(By.cssSelector("poseops-chart")).size() == 6);
        waitForVaadin(browser);
        return this;
    }

    /**
     * Waits up to {@code timeout} (longer than the browser's usual wait: the page refreshes by itself, and in aws
     * mode alarm states come with the endpoint poller's next look, every 30 s when nothing goes on).
     */
    void await(String what, java.time.Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + "; the page says: " + browser.js("return document.body.innerText.slice(0, 1500);"));
            }
            Thread.sleep(1000);
        }
    }

    /** The points of the named series of a chart, {@code [epoch ms, value]}, from its {@code data-series}. */
    List<double[]> series(String chartId, String seriesName) {
        List<List<Number>> data = browser.js("""
                const chart = document.getElementById(arguments[0]);
                if (!chart || !chart.dataset.series) return [];
                const series = JSON.parse(chart.dataset.series).find(s => s.name === arguments[1]);
                return series ? series.data : [];""", chartId, seriesName);
        List<double[]> points = new ArrayList<>();
        for (List<Number> point : data) {
            points.add(new double[] {point.get(0).doubleValue(), point.get(1).doubleValue()});
        }
        return points;
    }

    /** The sum of a series' values (e.g. all invocations in the range). */
    double sum(String chartId, String seriesName) {
        return series(chartId, seriesName).stream().mapToDouble(p -> p[1]).sum();
    }

    /** The deployment markers a chart carries ({@code data-markers}), each as {@code KIND:label}. */
    List<String> markers(String chartId) {
        List<Map<String, Object>> markers = browser.js("""
                const chart = document.getElementById(arguments[0]);
                return chart && chart.dataset.markers ? JSON.parse(chart.dataset.markers) : [];""", chartId);
        return markers.stream().map(m -> m.get("kind") + ":" + m.get("label")).toList();
    }

    /** How many vertical annotation lines ApexCharts drew on a chart (markers and violation shading). */
    long drawnMarkerLines(String chartId) {
        Number lines = browser.js("""
                const chart = document.getElementById(arguments[0]);
                return chart ? chart.querySelectorAll('.apexcharts-xaxis-annotations line').length : 0;""",
                chartId);
        return lines.longValue();
    }

    /** How many violations the grid lists. */
    int violationRows() {
        return violationTexts().size();
    }

    /** The text of the violation grid's cells, row by row, cells joined with " | ". */
    List<String> violationTexts() {
        return browser.js("""
                const grid = document.getElementById('monitoring-violations');
                if (!grid || !grid.shadowRoot || grid.hidden || grid.style.display === 'none') return [];
                return [...grid.shadowRoot.querySelectorAll('#items tr')].filter(r => !r.hidden).map(tr =>
                    [...tr.querySelectorAll('td')].map(cell => {
                        const slot = cell.querySelector('slot');
                        const content = slot ? slot.assignedElements({flatten: true})[0] : null;
                        return content ? content.textContent.trim() : '';
                    }).join(' | ')).filter(row => row.replaceAll(' | ', '').trim() !== '');""");
    }

    /** The state an alarm's badge shows (OK, ALARM, INSUFFICIENT_DATA, unknown), or null when it is not shown. */
    String alarmState(String alarmName) {
        return browser.js("""
                const badge = document.querySelector('#monitoring-alarms [data-alarm="' + arguments[0] + '"]');
                return badge ? badge.getAttribute('data-state') : null;""", alarmName);
    }
}
