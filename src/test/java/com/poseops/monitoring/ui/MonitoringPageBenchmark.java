package com.poseops.monitoring.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;

import com.poseops.monitoring.MetricPeriods;
import com.poseops.monitoring.local.MetricsSeeder;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.DynamoDbConnection;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.PackagedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Benchmark, not a test (its name matches neither surefire's nor failsafe's patterns; run it on purpose, see README):
 * the Monitoring page for the last 7 days of per-minute data (every minute of the week recorded, two variants, as the
 * local recorder stores it), opened in Chromium against the packaged console in local mode. Measured in the browser:
 * from the start of the page load to every chart drawn by ApexCharts (the last {@code data-drawn-at} of the six),
 * interleaved with loads of the same page for the last 15 minutes (a handful of points) as the baseline.
 * The refresh interval is set to 5 s and each load waits 6 s, so that every load reads DynamoDB (no cached result).
 */
class MonitoringPageBenchmark {

    private static final int WARM_UP = 2;
    private static final int RUNS = 10;

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("bench-Pw-1")
            .withEnvironment("MONITORING_REFRESHSECONDS", "5");

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void sevenDaysOfPerMinuteData() throws Exception {
        app.stop();
        Instant now = Instant.now();
        long seeding = System.nanoTime();
        int minutes;
        try (DynamoDbConnection connection = DynamoDbConnection.open(new PoseOpsSettings(Mode.LOCAL,
                app.dataDirectory().toString(), null), new AwsClients(new AwsSettings("ap-south-1", "", false,
                "poseops-")))) {
            minutes = MetricsSeeder.seed(connection, "hp-prediction-endpoint", List.of("blue", "green"),
                    MetricPeriods.floor(now, MetricPeriods.MINUTE).minus(Duration.ofDays(7)), now);
        }
        double seedSeconds = (System.nanoTime() - seeding) / 1e9;
        app.start();
        signIn(browser, app, "admin", app.adminPassword());

        List<Double> loads = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        List<Phases> weekPhases = new ArrayList<>();
        List<Phases> basePhases = new ArrayList<>();
        long points = 0;
        long baselinePoints = 0;
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            // interleaved: the 15-minute page (the same page, a few points) as the baseline of the same moment
            Thread.sleep(6000); // past the refresh interval: the next load reads DynamoDB again
            double base = load("/monitoring?range=15m", 0);
            baselinePoints = lastPoints;
            Phases basePhase = lastPhases;
            Thread.sleep(6000);
            double week = load("/monitoring?range=7d", 1);
            points = lastPoints;
            if (i >= WARM_UP) {
                loads.add(week);
                baseline.add(base);
                weekPhases.add(lastPhases);
                basePhases.add(basePhase);
            }
        }
        String report = String.format(Locale.ROOT, """
                Monitoring page benchmark: 7-day range (hourly periods) over %d recorded minutes × 2 variants, \
                packaged jar, local mode, %d loads each (interleaved) after %d warm-up
                  seeding the per-minute data (the recorder's items, BatchWriteItem → DynamoDB Local): %.0f s
                  7 days:   page load start → all six charts drawn (%d points)  p50 %.0f ms  p90 %.0f ms  min %.0f ms  max %.0f ms
                  15 min:   the same page, baseline (%d points)                 p50 %.0f ms  p90 %.0f ms  min %.0f ms  max %.0f ms
                  7 days − 15 min (p50): %.0f ms
                  where the time goes (p50 of each phase; server = the console's answer to the request that builds
                  the view, from request sent to first byte; bootstrap = from the document's request to the first
                  chart starting to draw, server included; draw = first chart starting → last chart drawn):
                    7 days:  server %.0f ms  bootstrap %.0f ms  draw %.0f ms
                    15 min:  server %.0f ms  bootstrap %.0f ms  draw %.0f ms
                  goal: 7-day page ≤ 1000 ms → %s
                """, minutes, RUNS, WARM_UP, seedSeconds, points, percentile(loads, 50), percentile(loads, 90),
                percentile(loads, 0), percentile(loads, 100), baselinePoints, percentile(baseline, 50),
                percentile(baseline, 90), percentile(baseline, 0), percentile(baseline, 100),
                percentile(loads, 50) - percentile(baseline, 50),
                median(weekPhases, Phases::server), median(weekPhases, Phases::bootstrap),
                median(weekPhases, Phases::draw), median(basePhases, Phases::server),
                median(basePhases, Phases::bootstrap), median(basePhases, Phases::draw),
                percentile(loads, 50) <= 1000 ? "met" : "MISSED");
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "monitoring-page-benchmark.txt"), report);
    }

    private long lastPoints;
    private Phases lastPhases = new Phases(0, 0, 0);

    /** One load's time split: the server's answer, the page's bootstrap up to the first chart, the charts' drawing. */
    private record Phases(double server, double bootstrap, double draw) {
    }

    private static double median(List<Phases> phases, java.util.function.ToDoubleFunction<Phases> phase) {
        return percentile(phases.stream().map(p -> phase.applyAsDouble(p)).toList(), 50);
    }

    /**
     * Loads the page and returns the browser's time from the start of the load to the last of the six charts drawn
     * (each chart notes {@code performance.now()} in {@code data-drawn-at} when ApexCharts has rendered it, so the
     * driver's polling does not enter the number).
     */
    private double load(String path, long minimumPoints) {
        browser.open(app.url(path));
        lastPoints = browser.waitFor("all six charts drawn", driver -> {
            Object value = browser.js("""
                    const charts = document.querySelectorAll('poseops-chart');
                    if (charts.length < 6) return null;
                    let points = 0;
                    for (const c of charts) {
                        if (c.dataset.seriesPoints === undefined || c.dataset.drawnAt === undefined) return null;
                        points += Number(c.dataset.seriesPoints);
                    }
                    return points >= arguments[0] ? points : null;""", minimumPoints);
            return value == null ? null : ((Number) value).longValue();
        });
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> timing = (java.util.Map<String, Object>) browser.js("""
                const charts = Array.from(document.querySelectorAll('poseops-chart'));
                const drawn = Math.max(...charts.map(c => Number(c.dataset.drawnAt)));
                const started = Math.min(...charts.map(c => Number(c.dataset.drawStartedAt)));
                // the view is built while the console answers either the document itself or Vaadin's first
                // server round trip (?v-r=...): the longest wait for a first byte among them is the server's share
                const nav = performance.getEntriesByType('navigation')[0];
                let server = nav.responseStart - nav.requestStart;
                for (const r of performance.getEntriesByType('resource')) {
                    if (r.name.includes('v-r=') && r.responseStart > 0) {
                        server = Math.max(server, r.responseStart - r.requestStart);
                    }
                }
                return {drawn: drawn, started: started, server: server, requestStart: nav.requestStart};""");
        double drawn = ((Number) timing.get("drawn")).doubleValue();
        double started = ((Number) timing.get("started")).doubleValue();
        lastPhases = new Phases(((Number) timing.get("server")).doubleValue(),
                started - ((Number) timing.get("requestStart")).doubleValue(), drawn - started);
        return drawn;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
