package com.poseops.endpoints.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.inference.TestPorts;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi;
import com.poseops.testsupport.InvocationTraffic;
import com.poseops.testsupport.PackagedApp;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

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

        openEndpoints();
        browser.waitFor("the endpoint InService", driver -> "InService".equals(status()));
        assertThat(text("endpoint-url")).isEqualTo("http://127.0.0.1:" + FRONT_DOOR_PORT + "/endpoints/" + ENDPOINT
                + "/invocations");
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        try (InvocationTraffic traffic = InvocationTraffic.start(URI.create("http://127.0.0.1:" + FRONT_DOOR_PORT),
                ENDPOINT, jpeg, 2, Duration.ofMillis(40))) {
            traffic.awaitAnswers(5, "blue"::equals, Duration.ofSeconds(60));

            browser.driver().findElement(By.id("deploy-button")).click();
            browser.waitFor("the deploy dialog", driver -> !driver.findElements(By.id("deploy-dialog")).isEmpty());
            choose("deploy-routing", "Linear");
            type("deploy-step", "50");
            type("deploy-bake", "3");
            type("deploy-max-execution", "600");
            waitForVaadin(browser);
            assertThat(text("deploy-problems")).isEmpty();
            browser.driver().findElement(By.id("confirm-deploy")).click();

            Steps steps = watchStepsUntilTheDeploymentEnds();
            assertThat(steps.plan()).as("the steps the page lists").containsSubsequence("New fleet starting",
                    "Traffic at 50 %", "Traffic at 100 %", "Old fleet stopping", "Done");
            // a traffic shift takes a moment, a bake seconds: each bake shows as its own "Baking until hh:mm:ss"
            assertThat(steps.current()).as("the current step as the page showed it, in order")
                    .startsWith("New fleet starting");
            assertThat(steps.current().stream().filter(step -> step.startsWith("Baking until")).distinct())
                    .as("two bakes (at 50 %, then at 100 %), each with its end").hasSizeGreaterThanOrEqualTo(2);
            browser.waitFor("the deploy in the history", driver -> historyRow(0).contains("Succeeded"));
            assertThat(historyRow(0)).contains("admin").contains("Deploy").contains("version 1")
                    .contains("linear 50 % steps");
            traffic.awaitAnswers(5, "green"::equals, Duration.ofSeconds(60));

            browser.driver().findElement(By.id("rollback-button")).click();
            browser.waitFor("the rollback dialog", driver -> !driver.findElements(By.id("rollback-dialog")).isEmpty());
            assertThat(text("rollback-question")).as("the confirmation names both versions")
                    .contains("from version 1").contains("to movenet_singlepose_lightning_int8_4");
            browser.driver().findElement(By.id("confirm-rollback")).click();
            browser.waitFor("the rollback in the history", driver -> historyRow(0).contains("Rollback")
                    && historyRow(0).contains("Succeeded"));
            assertThat(historyRow(1)).as("the deploy it undid").contains("Rolled back by a person")
                    .contains("admin");
            traffic.awaitAnswers(5, "blue"::equals, Duration.ofSeconds(60));
            traffic.close();

            assertThat(traffic.failures()).as("requests that failed during the deploy and the rollback").isEmpty();
            assertThat(traffic.variantSequence()).as("the variant header, in order").startsWith("blue")
                    .containsSubsequence("blue", "green", "blue").endsWith("blue");
        }
        assertThat(text("endpoint-sentence")).contains("InService").contains("movenet_singlepose_lightning_int8_4");
        Files.createDirectories(java.nio.file.Path.of("target", "e2e-screenshots"));
        Files.write(java.nio.file.Path.of("target", "e2e-screenshots", "endpoints-page.png"), browser.screenshot());
    }

    private void openEndpoints() {
        browser.open(app.url("/endpoints"));
        browser.waitFor("the endpoints page", driver -> !driver.findElements(By.id("endpoint-card")).isEmpty());
        waitForVaadin(browser);
    }

    /** The steps the page lists, and the current one each time it changed. */
    private record Steps(List<String> plan, List<String> current) {
    }

    /** The current step's label every time it changes, until the panel goes away (pushed to the page). */
    private Steps watchStepsUntilTheDeploymentEnds() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        List<String> plan = List.of();
        browser.waitFor("the deployment to show", driver -> panelVisible());
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            String current = browser.js("""
                    const panel = document.getElementById('deployment-panel');
                    if (!panel || panel.hidden || panel.style.display === 'none') { return null; }
                    const item = panel.querySelector('#deployment-steps li[data-state=CURRENT]');
                    return item ? item.textContent.trim() : null;
                    """);
            if (current == null) {
                return new Steps(plan, seen);
            }
            if (seen.isEmpty() || !seen.getLast().equals(current)) {
                seen.add(current);
            }
            if (plan.isEmpty()) {
                plan = browser.js("""
                        return [...document.querySelectorAll('#deployment-steps li')].map(li => li.textContent.trim());
                        """);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deployment did not end on the page within 240 s; steps seen: " + seen);
    }

    private boolean panelVisible() {
        return Boolean.TRUE.equals(browser.js("""
                const panel = document.getElementById('deployment-panel');
                return !!panel && !panel.hidden && panel.style.display !== 'none';
                """));
    }

    private String status() {
        return browser.js("""
                const badge = document.getElementById('endpoint-status-badge');
                return badge ? badge.getAttribute('data-status') : null;
                """);
    }

    /** The text of the history grid's row {@code index}, cells joined with " | ". */
    private String historyRow(int index) {
        String row = browser.js("""
                const grid = document.getElementById('history-grid');
                if (!grid || !grid.shadowRoot) { return ''; }
                const tr = [...grid.shadowRoot.querySelectorAll('#items tr')]
                    .filter(r => !r.hidden && r.index === arguments[0])[0];
                if (!tr) { return ''; }
                return [...tr.querySelectorAll('td')].map(cell => {
                    const slot = cell.querySelector('slot');
                    const content = slot ? slot.assignedElements({flatten: true})[0] : null;
                    return content ? content.textContent.trim() : '';
                }).join(' | ');
                """, index);
        return row == null ? "" : row;
    }

    private void choose(String groupId, String label) {
        WebElement option = browser.waitFor("option " + label, driver -> driver.findElements(
                        By.cssSelector("#" + groupId + " vaadin-radio-button")).stream()
                .filter(button -> button.getText().trim().equals(label)).findFirst().orElse(null));
        option.click();
    }

    private void type(String fieldId, String value) {
        WebElement input = browser.waitFor("field " + fieldId, driver -> driver.findElement(
                By.cssSelector("#" + fieldId + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.TAB);
    }

    private String text(String id) {
        return ConsoleUi.text(browser, id);
    }
}
