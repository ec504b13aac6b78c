package com.poseops.monitoring.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.ui.EndpointsPage;
import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.InvocationTraffic;
import com.poseops.testsupport.PackagedApp;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * The Monitoring page in local mode, end to end: the packaged console in headless Chromium, its real front door and
 * inference-server children. An admin deploys a registered version and rolls it back from the Endpoints page; then a
 * client sends a known number of requests through the front door with the AWS SDK, timing each. The page's charts
 * (read from their {@code data-series} and {@code data-markers}, as a person's browser has them) must count exactly
 * those requests, show a model latency p50 no higher than what the client measured and no lower than it minus the
 * HTTP overhead, carry the deploy and the rollback as markers, and — the threshold being set below any real inference
 * time — list the violation and show the latency alarm in ALARM.
 */
class MonitoringE2ETest {

    private static final String ENDPOINT = "hp-prediction-endpoint";
    private static final int FRONT_DOOR_PORT = TestPorts.freeLoopbackPort();
    private static final int REQUESTS = 40;

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("e2e-admin-Pw-10")
            .withEnvironment("POSEOPS_LOCAL_ENDPOINT_PORT", Integer.toString(FRONT_DOOR_PORT))
            .withEnvironment("MONITORING_REFRESHSECONDS", "5")
            .withConfig("""
                    PoseOps:
                      modelPath: "%s"
                    ModelMonitoring:
                      # 1 ms: below any real MoveNet inference, so every minute with traffic violates it
                      threshold: "0.001"
                    """.formatted(TestData.lightningInt8Model().toAbsolutePath().normalize()));

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void theChartsCountTheClientsRequestsShowItsLatencyTheDeployAndRollbackAndTheViolation() throws Exception {
        signIn(browser, app, "admin", app.adminPassword());
        ModelsPage models = new ModelsPage(browser, app).open();
        models.register(TestData.lightningInt8Model(), "Lightning int8, to deploy and roll back");
        browser.waitFor("the new version", driver -> models.text("detail-title").equals("Version 1"));
        models.accept("fine to deploy");

        EndpointsPage endpoints = new EndpointsPage(browser, app).open();
        browser.waitFor("the endpoint InService", driver -> "InService".equals(endpoints.status()));
        // without the rollback alarms: the 1 ms threshold would roll the deployment back by itself
        endpoints.deploy(1, "All at once", 100, 0, 600, false);
        browser.waitFor("the deploy in the history", driver -> endpoints.historyRow(0).contains("Deploy")
                && endpoints.historyRow(0).contains("Succeeded"));
        endpoints.click("rollback-button");
        endpoints.click("confirm-rollback");
        browser.waitFor("the rollback in the history", driver -> endpoints.historyRow(0).contains("Rollback")
                && endpoints.historyRow(0).contains("Succeeded"));

        // all requests within one minute, so that the page's one per-minute p50 is theirs
        if (Instant.now().atZone(java.time.ZoneOffset.UTC).getSecond() > 40) {
            Thread.sleep(Instant.now().until(Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(61),
                    ChronoUnit.MILLIS));
        }
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        List<Double> clientMillis = new ArrayList<>();
        try (SageMakerRuntimeClient client = InvocationTraffic.sdkClient(
                URI.create("http://127.0.0.1:" + FRONT_DOOR_PORT))) {
            for (int i = 0; i < REQUESTS; i++) {
                long start = System.nanoTime();
                String body = client.invokeEndpoint(r -> r.endpointName(ENDPOINT).contentType("image/jpeg")
                        .accept("application/json").body(SdkBytes.fromByteArray(jpeg))).body().asUtf8String();
                clientMillis.add((System.nanoTime() - start) / 1e6);
                assertThat(body).contains("\"keypoints\"");
            }
        }
        double clientP50 = percentile(clientMillis, 50);

        MonitoringPage page = new MonitoringPage(browser, app).open("15m");
        page.await("the page counting all " + REQUESTS + " requests (pushed by the refresher)",
                java.time.Duration.ofSeconds(90), () -> page.sum("chart-invocations", "Invocations") >= REQUESTS);
        assertThat(page.sum("chart-invocations", "Invocations")).isEqualTo(REQUESTS);
        List<double[]> p50 = page.series("chart-latency", "Model latency p50");
        assertThat(p50).as("one minute of traffic: one p50").hasSize(1);
        double pageP50 = p50.getFirst()[1];
        // the front door's ModelLatency is the variant's answer time; the client also waits for the HTTP round
        // trips, the SDK and the front door's own time. HdrHistogram keeps 3 significant digits (0.1 %).
        assertThat(pageP50).as("page p50 vs the client's p50 of %.1f ms", clientP50)
                .isLessThanOrEqualTo(clientP50 * 1.001)
                .isGreaterThan(clientP50 - Math.max(15.0, clientP50 * 0.5));

        List<String> markers = page.markers("chart-latency");
        assertThat(markers).as("the deploy and the rollback on the latency chart").anySatisfy(
                m -> assertThat(m).startsWith("DEPLOY:Deploy").contains("→ version 1"))
                .anySatisfy(m -> assertThat(m).startsWith("ROLLBACK:Rollback version 1 →"));
        for (String chart : List.of("chart-overhead", "chart-invocations", "chart-errors", "chart-cpu",
                "chart-resources")) {
            assertThat(page.markers(chart)).as("every time chart carries them: " + chart).isEqualTo(markers);
        }
        assertThat(page.drawnMarkerLines("chart-latency")).as("the lines ApexCharts drew")
                .isGreaterThanOrEqualTo(2);

        browser.waitFor("the violation listed", driver -> page.violationRows() >= 1);
        browser.waitFor("the latency alarm in ALARM", driver -> "ALARM".equals(
                page.alarmState("poseops-" + ENDPOINT + "-latency")));
        Files.createDirectories(Path.of("target", "e2e-screenshots"));
        Files.write(Path.of("target", "e2e-screenshots", "monitoring-page.png"), browser.screenshot());
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
