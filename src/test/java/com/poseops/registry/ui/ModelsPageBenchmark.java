package com.poseops.registry.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;

import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.local.LocalModelRegistry;
import com.poseops.registry.local.ModelVersionItem;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.PackagedApp;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Benchmark, not a test (run it on purpose, see README "Benchmarks"): how long the Models page takes to show its first
 * screen of versions in Chromium, with 5 versions and then with 500 in the same run (the packaged console, local mode;
 * the versions are written straight into its DynamoDB Local table, as registrations would leave them). The time is the
 * browser's own: from the start of the navigation to {@code /models} to the moment the grid shows the newest
 * version's row ({@code performance.now()}).
 */
class ModelsPageBenchmark {

    private static final int WARM_UP = 3;
    private static final int RUNS = 15;
    private static final int SMALL = 5;
    private static final int LARGE = 500;
    private static final Pattern DYNAMODB_PORT = Pattern.compile("Starting DynamoDB Local \\(pid \\d+\\) on 127\\.0\\.0\\.1:(\\d+)");

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("bench-Pw-2");

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void firstScreenOfVersions() throws Exception {
        DynamoDbTable<ModelVersionItem> table = versionsTable();
        seed(table, 1, SMALL);
        signIn(browser, app, "admin", app.adminPassword());
        List<Double> small = measure(SMALL);
        seed(table, SMALL + 1, LARGE);
        List<Double> large = measure(LARGE);

        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        String report = String.format(Locale.ROOT, """
                Models page benchmark: navigation to /models → the newest version's row shown, %d runs (%d warm-up),
                packaged jar, local mode, headless Chromium; load average %s
                  %3d versions  p50 %.0f ms  p90 %.0f ms  max %.0f ms
                  %3d versions  p50 %.0f ms  p90 %.0f ms  max %.0f ms
                  page bootstrap (DOMContentLoaded, both sizes)  p50 %.0f ms
                  ratio p50 %d / %d versions: %.2f
                  target: %d versions, first screen ≤ 1000 ms (p50) → %s
                """, RUNS, WARM_UP, load, SMALL, percentile(small, 50), percentile(small, 90), percentile(small, 100),
                LARGE, percentile(large, 50), percentile(large, 90), percentile(large, 100), percentile(bootstrap, 50),
                LARGE, SMALL,
                percentile(large, 50) / percentile(small, 50), LARGE,
                percentile(large, 50) <= 1000 ? "met" : "MISSED");
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "models-page-benchmark.txt"), report);
    }

    /** DOMContentLoaded of each measured navigation: the page's own floor (HTML and scripts), whatever it shows. */
    private final List<Double> bootstrap = new ArrayList<>();

    private List<Double> measure(int newest) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            browser.open(app.url("/models"));
            double shown = browser.waitFor("the row of v" + newest, driver -> {
                Object value = browser.js("""
                        const grid = document.getElementById('versions-grid');
                        if (!grid) { return null; }
                        const row = [...grid.querySelectorAll('vaadin-grid-cell-content')]
                            .some(cell => cell.textContent.trim() === arguments[0]
                                && cell.getBoundingClientRect().height > 0);
                        return row ? performance.now() : null;
                        """, "v" + newest);
                return value == null ? null : ((Number) value).doubleValue();
            });
            if (i >= WARM_UP) {
                times.add(shown);
                bootstrap.add(((Number) browser.js("return performance.getEntriesByType('navigation')[0]"
                        + ".domContentLoadedEventEnd")).doubleValue());
            }
        }
        return times;
    }

    /** The console's own versions table, reached through its DynamoDB Local port (from the console's log). */
    private static DynamoDbTable<ModelVersionItem> versionsTable() throws Exception {
        Matcher port = DYNAMODB_PORT.matcher(app.output());
        if (!port.find()) {
            throw new AssertionError("no DynamoDB Local port in the console's output. " + app.describeOutput());
        }
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port.group(1)))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        return new DynamoDbTables(enhanced, new AwsSettings("us-east-1", "", false, "poseops-"),
                List.of(LocalModelRegistry.TABLE)).table(LocalModelRegistry.TABLE);
    }

    /** Versions {@code from}..{@code to}, evaluated (with metrics), every tenth decided. */
    private static void seed(DynamoDbTable<ModelVersionItem> table, int from, int to) {
        Instant start = Instant.parse("2026-11-01T08:00:00Z");
        for (int n = from; n <= to; n++) {
            ModelVersionItem item = new ModelVersionItem();
            item.setGroup("hp-prediction-models");
            item.setVersion(n);
            item.setCreatedAt(SortableInstant.format(start.plusSeconds(60L * n)));
            item.setRegisteredBy("bench");
            item.setDescription("seeded version " + n);
            item.setStatus((n % 10 == 0 ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING).name());
            Map<String, String> metrics = new HashMap<>();
            metrics.put(EvaluationReport.MEAN_ERROR, String.format(Locale.ROOT, "%.2f", 8 + (n % 7) * 0.3));
            metrics.put(EvaluationReport.MAX_ERROR, String.format(Locale.ROOT, "%.2f", 20.0 + (n % 5)));
            metrics.put(EvaluationReport.PCK, String.format(Locale.ROOT, "%.3f", 0.9 + (n % 10) * 0.01));
            metrics.put(EvaluationReport.MEAN_SCORE, "0.612");
            metrics.put(EvaluationReport.P50_LATENCY, "7.1");
            item.setMetrics(metrics);
            item.setArtifactUri("file:///nowhere/model.tflite");
            item.setModelSha256("0".repeat(64));
            table.putItem(item);
        }
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
