package com.poseops.monitoring.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.ui.EndpointsPage;
import com.poseops.inference.TestData;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.MotoServer;
import com.poseops.testsupport.PackagedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The Monitoring page in aws mode, end to end: the packaged console against moto (PoseOps' deployment simulation and
 * CloudWatch percentiles, docs/moto-notes.md) in headless Chromium. A deploy and a person's rollback from the Endpoints
 * page show as markers on the charts; SageMaker's per-minute numbers put into CloudWatch (microseconds, as SageMaker
 * publishes them) are shown as the same p50/p99 in milliseconds; an average above {@code ModelMonitoring.threshold}
 * is listed as a violation; and the latency rollback alarm's state is CloudWatch's own (moto does not evaluate alarms,
 * so the test sets the state CloudWatch would reach, with SetAlarmState).
 */
class MonitoringAwsModeE2ETest {

    private static final String ENDPOINT = "hp-prediction-endpoint";
    private static final String LATENCY_ALARM = "poseops-" + ENDPOINT + "-latency";

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static PackagedApp app;

    @RegisterExtension
    final Browser browser = new Browser();

    @BeforeAll
    static void startConsole() throws Exception {
        moto.deploymentClock(Map.of("reset", true, "time_scale", 60, "provisioning_seconds", 60,
                "traffic_seconds", 10, "rollback_seconds", 30));
        app = PackagedApp.withAdminPassword("e2e-admin-Pw-13")
                .withEnvironment("POSEOPS_MODE", "aws")
                .withEnvironment("POSEOPS_AWS_ENDPOINT", moto.endpoint().toString())
                .withEnvironment("POSEOPS_AWS_CREATE_RESOURCES", "true")
                .withEnvironment("AWS_REGION", MotoServer.REGION)
                .withEnvironment("MONITORING_REFRESHSECONDS", "5")
                .withConfig("""
                        ModelMonitoring:
                          threshold: "0.05"
                        """)
                .withoutDynamoDbLocal();
        app.start();
    }

    @AfterAll
    static void stopConsole() throws Exception {
        if (app != null) {
            app.stop();
        }
        moto.deploymentClock(Map.of("reset", true));
    }

    @Test
    void markersOfADeployAndARollbackTheNumbersPutAViolationAndCloudWatchsAlarmState() throws Exception {
        signIn(browser, app, "admin", app.adminPassword());
        ModelsPage models = new ModelsPage(browser, app).open();
        for (int version = 1; version <= 2; version++) {
            models.register(TestData.lightningInt8Model(), "Lightning int8, monitored " + version);
            int expected = version;
            browser.waitFor("version " + version, driver -> models.text("detail-title").equals("Version " + expected));
            models.accept("ok to deploy");
        }
        EndpointsPage endpoints = new EndpointsPage(browser, app).open();
        endpoints.deploy(1, "All at once", 100, 0, 3600);
        browser.waitFor("the endpoint created", driver -> endpoints.historyRow(0).contains("Create")
                && endpoints.historyRow(0).contains("Succeeded"));
        endpoints.deploy(2, "All at once", 100, 0, 3600);
        browser.waitFor("the deploy of version 2", driver -> endpoints.historyRow(0).contains("Deploy")
                && endpoints.historyRow(0).contains("Succeeded"));
        endpoints.click("rollback-button");
        endpoints.click("confirm-rollback");
        browser.waitFor("the rollback", driver -> endpoints.historyRow(0).contains("Rollback")
                && endpoints.historyRow(0).contains("Succeeded"));

        // one minute of SageMaker's numbers: 100 requests, 50 at 40 ms, 40 at 80 ms, 9 at 120 ms, 1 at 900 ms —
        // p50 40 ms, p99 120 ms, average 71.8 ms: above the 50 ms threshold
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        try (CloudWatchClient cloudWatch = moto.awsClients().build(CloudWatchClient.builder())) {
            put(cloudWatch, "ModelLatency", StandardUnit.MICROSECONDS, minute.plusSeconds(7),
                    List.of(40_000.0, 80_000.0, 120_000.0, 900_000.0), List.of(50.0, 40.0, 9.0, 1.0));
            put(cloudWatch, "Invocations", StandardUnit.NONE, minute.plusSeconds(7), List.of(1.0), List.of(100.0));
            cloudWatch.setAlarmState(r -> r.alarmName(LATENCY_ALARM).stateValue(StateValue.ALARM)
                    .stateReason("Threshold Crossed: 1 datapoint [71800.0] was greater than the threshold (50000.0)."));
        }

        MonitoringPage page = new MonitoringPage(browser, app).open("1h");
        page.await("the minute put into CloudWatch", Duration.ofSeconds(60),
                () -> page.sum("chart-invocations", "Invocations") == 100);
        assertThat(page.series("chart-latency", "Model latency p50")).singleElement()
                .satisfies(p -> assertThat(p).containsExactly(minute.toEpochMilli(), 40.0));
        assertThat(page.series("chart-latency", "Model latency p99")).singleElement()
                .satisfies(p -> assertThat(p).containsExactly(minute.toEpochMilli(), 120.0));
        assertThat(page.series("chart-latency", "Model latency average")).singleElement()
                .satisfies(p -> assertThat(p[1]).isEqualTo(71.8));

        List<String> markers = page.markers("chart-latency");
        assertThat(markers).as("the deploy and the person's rollback")
                .anySatisfy(m -> assertThat(m).isEqualTo("DEPLOY:Deploy version 1 → version 2"))
                .anySatisfy(m -> assertThat(m).isEqualTo("ROLLBACK:Rollback version 2 → version 1"));
        assertThat(page.markers("chart-cpu")).as("on every time chart").isEqualTo(markers);

        browser.waitFor("the violation listed", driver -> page.violationRows() == 1);
        assertThat(page.violationTexts().getFirst()).contains("72 ms");
        page.await("CloudWatch's ALARM on the page (the endpoint poller's next look)", Duration.ofSeconds(120),
                () -> "ALARM".equals(page.alarmState(LATENCY_ALARM)));
        Files.createDirectories(Path.of("target", "e2e-screenshots"));
        Files.write(Path.of("target", "e2e-screenshots", "monitoring-aws-page.png"), browser.screenshot());
    }

    private static void put(CloudWatchClient cloudWatch, String metric, StandardUnit unit, Instant at,
            List<Double> values, List<Double> counts) {
        cloudWatch.putMetricData(r -> r.namespace("AWS/SageMaker").metricData(MetricDatum.builder()
                .metricName(metric)
                .dimensions(Dimension.builder().name("EndpointName").value(ENDPOINT).build(),
                        Dimension.builder().name("VariantName").value("AllTraffic").build())
                .timestamp(at).unit(unit).values(values).counts(counts).build()));
    }
}
