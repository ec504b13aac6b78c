package com.poseops.endpoints.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.InvocationTraffic;
import com.poseops.testsupport.PackagedApp;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Blue/green from the browser, end to end: the packaged console (local mode) in headless Chromium. An admin
 * registers and approves a version, deploys it (linear, short bakes) and watches the steps to the end, rolls back in
 * one click, and sees both in the history — while a client sends requests through the front door with the AWS SDK
 * the whole time: no request fails, and the answering variant moves old → new → old.
 */
class EndpointsE2ETest {

    private static final String ENDPOINT = "hp-prediction-endpoint";
    private static final int FRONT_DOOR_PORT = TestPorts.freeLoopbackPort();

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("e2e-admin-Pw-9")
            .withEnvironment("POSEOPS_LOCAL_ENDPOINT_PORT", Integer.toString(FRONT_DOOR_PORT))
            .withConfig("""
                    PoseOps:
                      modelPath: "%s"
                    ModelMonitoring:
                      # generous: on a loaded CI machine real latency must not roll this deployment back
                      threshold: "30.0"
                    """.formatted(TestData.lightningInt8Model().toAbsolutePath().normalize()));

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void aLinearDeployAndARollbackFromTheBrowserCostNoRequestAndMoveTheTrafficOldNewOld() throws Exception {
        signIn(browser, app, "admin", app.adminPassword());
        ModelsPage models = new ModelsPage(browser, app).open();
        models.register(TestData.lightningInt8Model(), "Lightning int8, to deploy");
        browser.waitFor("the new version", driver -> models.text("detail-title").equals("Version 1"));
        models.accept("fine to deploy");

        EndpointsPage page = new EndpointsPage(browser, app).open();
        browser.waitFor("the endpoint InService", driver -> "InService".equals(page.status()));
        assertThat(page.text("endpoint-url")).isEqualTo("http://127.0.0.1:" + FRONT_DOOR_PORT + "/endpoints/" + ENDPOINT
                + "/invocations");
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        try (InvocationTraffic traffic = InvocationTraffic.start(URI.create("http://127.0.0.1:" + FRONT_DOOR_PORT),
                ENDPOINT, jpeg, 2, Duration.ofMillis(40))) {
            traffic.awaitAnswers(5, "blue"::equals, Duration.ofSeconds(60));

            page.deploy(null, "Linear", 50, 3, 600);

            Steps steps = watchStepsUntilTheDeploymentEnds(page);
            assertThat(steps.plan()).as("the steps the page lists").containsSubsequence("New fleet starting",
                    "Traffic at 50 %", "Traffic at 100 %", "Old fleet stopping", "Done");
            // a traffic shift takes a moment, a bake seconds: each bake shows as its own "Baking until hh:mm:ss"
            assertThat(steps.current()).as("the current step as the page showed it, in order")
                    .startsWith("New fleet starting");
            assertThat(steps.current().stream().filter(step -> step.startsWith("Baking until")).distinct())
                    .as("two bakes (at 50 %, then at 100 %), each with its end").hasSizeGreaterThanOrEqualTo(2);
            browser.waitFor("the deploy in the history", driver -> page.historyRow(0).contains("Succeeded"));
            assertThat(page.historyRow(0)).contains("admin").contains("Deploy").contains("version 1")
                    .contains("linear 50 % steps");
            traffic.awaitAnswers(5, "green"::equals, Duration.ofSeconds(60));

            page.click("rollback-button");
            assertThat(page.text("rollback-question")).as("the confirmation names both versions")
                    .contains("from version 1").contains("to movenet_singlepose_lightning_int8_4");
            page.click("confirm-rollback");
            browser.waitFor("the rollback in the history", driver -> page.historyRow(0).contains("Rollback")
                    && page.historyRow(0).contains("Succeeded"));
            assertThat(page.historyRow(1)).as("the deploy it undid").contains("Rolled back by a person")
                    .contains("admin");
            traffic.awaitAnswers(5, "blue"::equals, Duration.ofSeconds(60));
            traffic.close();

            assertThat(traffic.failures()).as("requests that failed during the deploy and the rollback").isEmpty();
            assertThat(traffic.variantSequence()).as("the variant header, in order").startsWith("blue")
                    .containsSubsequence("blue", "green", "blue").endsWith("blue");
        }
        assertThat(page.text("endpoint-sentence")).contains("InService").contains("movenet_singlepose_lightning_int8_4");
        Files.createDirectories(java.nio.file.Path.of("target", "e2e-screenshots"));
        Files.write(java.nio.file.Path.of("target", "e2e-screenshots", "endpoints-page.png"), browser.screenshot());

        // The Monitoring page reads the same endpoint: the front door's traffic counted per variant, and the deploy
        // and the rollback drawn as markers from the deployment history.
        MonitoringCharts monitoring = awaitMonitoring();
        assertThat(monitoring.markers()).as("the markers on the latency chart")
                .anySatisfy(marker -> assertThat(marker).contains("DEPLOY").contains("→ version 1"))
                .anySatisfy(marker -> assertThat(marker).contains("ROLLBACK").contains("version 1 →"));
        assertThat(monitoring.invocations()).as("requests the Monitoring page counted (the client sent them all "
                + "through the front door)").isGreaterThan(0);
    }

    /** What the Monitoring page's charts carry: the markers' kind and label, and the invocations summed. */
    private record MonitoringCharts(List<String> markers, double invocations) {
    }

    /** Opens /monitoring (last hour) until both markers and counted requests show (it refreshes every 15 s). */
    private MonitoringCharts awaitMonitoring() throws InterruptedException {
        browser.open(app.url("/monitoring?range=1h"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        MonitoringCharts seen = new MonitoringCharts(List.of(), 0);
        while (System.nanoTime() < deadline) {
            List<String> markers = browser.js("""
                    const chart = document.getElementById('chart-latency');
                    const markers = chart ? JSON.parse(chart.getAttribute('data-markers') || '[]') : [];
                    return markers.map(m => m.kind + ' ' + m.label);
                    """);
            Number invocations = browser.js("""
                    const chart = document.getElementById('chart-invocations');
                    const series = chart ? JSON.parse(chart.getAttribute('data-series') || '[]') : [];
                    return series.flatMap(s => s.data || []).reduce((sum, point) => sum + (point[1] || 0), 0);
                    """);
            seen = new MonitoringCharts(markers, invocations.doubleValue());
            if (markers.size() >= 2 && seen.invocations() > 0) {
                return seen;
            }
            Thread.sleep(2000);
        }
        return seen;
    }

    /** The steps the page lists, and the current one each time it changed. */
    private record Steps(List<String> plan, List<String> current) {
    }

    /** The current step's label every time it changes, until the panel goes away (pushed to the page). */
    private Steps watchStepsUntilTheDeploymentEnds(EndpointsPage page) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        List<String> plan = List.of();
        browser.waitFor("the deployment to show", driver -> page.deploymentShown());
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            String current = page.currentStep();
            if (current == null) {
                return new Steps(plan, seen);
            }
            if (seen.isEmpty() || !seen.getLast().equals(current)) {
                seen.add(current);
            }
            if (plan.isEmpty()) {
                plan = page.steps();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deployment did not end on the page within 240 s; steps seen: " + seen);
    }
}
