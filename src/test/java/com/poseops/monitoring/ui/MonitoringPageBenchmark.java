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
 * from the start of the page load to every chart drawn by ApexCharts ({@code data-series-points} set on all six).
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
        long points = 0;
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            Thread.sleep(6000); // past the refresh interval: the next load reads DynamoDB again
            browser.open(app.url("/monitoring?range=7d"));
            points = browser.waitFor("all six charts drawn", driver -> {
                Object value = browser.js("""
                        const charts = document.querySelectorAll('poseops-chart');
                        if (charts.length < 6) return null;
                        let points = 0;
                        for (const c of charts) {
                            if (c.dataset.seriesPoints === undefined) return null;
                            points += Number(c.dataset.seriesPoints);
                        }
                        return points > 0 ? points : null;""");
                return value == null ? null : ((Number) value).longValue();
            });
            double elapsed = ((Number) browser.js("return performance.now();")).doubleValue();
            if (i >= WARM_UP) {
                loads.add(elapsed);
            }
        }
        String report = String.format(Locale.ROOT, """
                Monitoring page benchmark: 7-day range (hourly periods) over %d recorded minutes × 2 variants, \
                packaged jar, local mode
                  seeding the per-minute data (MetricsRecorder → DynamoDB Local): %.0f s
                  page load start → all six charts drawn (%d points)  p50 %.0f ms  p90 %.0f ms  min %.0f ms  max %.0f ms
                  goal: ≤ 1000 ms → %s
                """, minutes, seedSeconds, points, percentile(loads, 50), percentile(loads, 90), percentile(loads, 0),
                percentile(loads, 100), percentile(loads, 50) <= 1000 ? "met" : "MISSED");
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "monitoring-page-benchmark.txt"), report);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
