package com.poseops.registry.ui;

import static com.poseops.testsupport.ConsoleUi.awaitSignInPage;
import static com.poseops.testsupport.ConsoleUi.openAuditLog;
import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi.AuditRow;
import com.poseops.testsupport.PackagedApp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The Models page end to end: the packaged jar (local mode), headless Chromium. A DEPLOYER registers the Lightning
 * int8 model through the upload's file input and waits for its evaluation metrics; an APPROVER accepts it with a
 * comment; the audit log shows the decision.
 */
class ModelsE2ETest {

    private static final String DEPLOYER = "dora";
    private static final String DEPLOYER_PASSWORD = "e2e-deployer-Pw-3";
    private static final String APPROVER = "alice";
    private static final String APPROVER_PASSWORD = "e2e-approver-Pw-4";
    private static final String COMMENT = "PCK 1.0 on the evaluation set, ship it";

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("e2e-admin-Pw-5").withConfig("""
            PoseOps:
              modelPath: "%s"
            Evaluation:
              imagesDir: "%s"
            Security:
              users:
                - username: %s
                  passwordHash: "{bcrypt}%s"
                  roles: [DEPLOYER]
                - username: %s
                  passwordHash: "{bcrypt}%s"
                  roles: [APPROVER]
            """.formatted(TestData.lightningInt8Model().toAbsolutePath().normalize(),
            TestData.sharedDir().resolve("testdata/pose/tensorflow-examples").toAbsolutePath().normalize(),
            DEPLOYER, new BCryptPasswordEncoder().encode(DEPLOYER_PASSWORD),
            APPROVER, new BCryptPasswordEncoder().encode(APPROVER_PASSWORD)));

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void aDeployerRegistersTheModelAndAnApproverAcceptsItWithAComment() throws Exception {
        signIn(browser, app, DEPLOYER, DEPLOYER_PASSWORD);
        openModels();
        browser.driver().findElement(By.id("register-button")).click();
        WebElement fileInput = browser.waitFor("the upload's file input", driver -> browser.js("""
                const upload = document.getElementById('model-upload');
                if (!upload) { return null; }
                return upload.querySelector('input[type=file]')
                    || (upload.shadowRoot && upload.shadowRoot.querySelector('input[type=file]'));
                """));
        fileInput.sendKeys(TestData.lightningInt8Model().toRealPath().toString()); // ChromeDriver wants no ".."
        browser.waitFor("the upload to arrive", driver -> text("uploaded-file").startsWith("Received"));
        browser.driver().findElement(By.cssSelector("#model-description textarea"))
                .sendKeys("Lightning int8 4 from TF Hub");
        browser.driver().findElement(By.id("confirm-register")).click();

        browser.waitFor("the new version's detail panel", driver -> text("detail-title").equals("Version 1"));
        String evaluation = browser.waitFor("the evaluation to finish (pushed to the page)", driver -> {
            String status = text("evaluation-status");
            return status.startsWith("Evaluated") || status.startsWith("Evaluation failed") ? status : null;
        });
        assertThat(evaluation).isEqualTo("Evaluated on 2 images.");
        String metadata = text("version-metadata");
        assertThat(metadata).contains("Status: Pending").contains("by " + DEPLOYER).contains("maxErrorPx: ")
                .contains("pck005: ");
        List<String> row = browser.waitFor("the grid row with metrics", driver -> {
            List<String> cells = firstGridRow();
            return cells.size() > 8 && !cells.get(5).isBlank() && !cells.get(5).startsWith("evaluating") ? cells : null;
        });
        assertThat(row.subList(0, 4)).as("version, created, registered by, status: %s", row)
                .element(0).isEqualTo("v1");
        assertThat(row).contains(DEPLOYER, "Pending");
        double maxError = Double.parseDouble(row.get(5));
        assertThat(maxError).as("max error shown in the grid, row %s", row).isPositive().isLessThanOrEqualTo(24.0);
        assertThat(text("serving-baseline")).as("the serving model is the same file").contains("version 1");
        String points = browser.waitFor("the chart to draw", driver -> {
            String value = browser.js("""
                    const chart = document.getElementById('metrics-chart');
                    return chart && chart.querySelector('svg') ? chart.dataset.seriesPoints : null;
                    """);
            return value == null || value.equals("0") ? null : value;
        });
        assertThat(points).as("points in the trend chart").isEqualTo("1");

        browser.driver().findElement(By.id("sign-out")).click();
        awaitSignInPage(browser, "after the deployer signs out");

        signIn(browser, app, APPROVER, APPROVER_PASSWORD);
        openModels();
        assertThat(browser.driver().findElements(By.id("register-button")))
                .as("an APPROVER has no register button").allMatch(element -> !element.isDisplayed());
        browser.waitFor("the version row", driver -> driver.findElements(By.tagName("vaadin-grid-cell-content"))
                .stream().filter(cell -> cell.getText().trim().equals("v1")).findFirst().orElse(null)).click();
        browser.waitFor("the accept button", driver -> driver.findElement(By.id("approve-button")).isDisplayed());
        browser.driver().findElement(By.id("approve-button")).click();
        browser.waitFor("the comment field", driver -> driver.findElement(By.cssSelector("#decision-comment textarea")))
                .sendKeys(COMMENT);
        browser.driver().findElement(By.id("confirm-decision")).click();
        browser.waitFor("the version to show as approved",
                driver -> text("version-metadata").contains("Status: Approved"));
        assertThat(text("version-metadata")).contains("approved by " + APPROVER + ": " + COMMENT);

        List<AuditRow> rows = openAuditLog(browser, app);
        AuditRow approval = rows.stream().filter(r -> r.action().equals("model.approve")).findFirst()
                .orElseThrow(() -> new AssertionError("no model.approve entry in " + rows));
        assertThat(approval.who()).isEqualTo(APPROVER);
        assertThat(approval.target()).isEqualTo("model:hp-prediction-models/1");
        assertThat(approval.outcome()).isEqualTo("success");
        assertThat(approval.comment()).isEqualTo(COMMENT);
        assertThat(rows).anyMatch(r -> r.action().equals("model.register") && r.who().equals(DEPLOYER)
                && r.outcome().equals("success"));
    }

    private void openModels() {
        browser.open(app.url("/models"));
        browser.waitFor("the models grid", driver -> !driver.findElements(By.id("versions-grid")).isEmpty());
        waitForVaadin(browser);
    }

    private String text(String id) {
        return browser.waitFor("element #" + id, driver -> driver.findElements(By.id(id)).isEmpty() ? null
                : driver.findElement(By.id(id))).getText().trim();
    }

    /** The cells of the versions grid's first row, as shown. */
    private List<String> firstGridRow() {
        List<String> cells = browser.js("""
                const grid = document.getElementById('versions-grid');
                if (!grid || !grid.shadowRoot) { return []; }
                const row = [...grid.shadowRoot.querySelectorAll('#items tr')]
                    .filter(r => !r.hidden && r.index === 0)[0];
                if (!row) { return []; }
                return [...row.querySelectorAll('td')].map(cell => {
                    const slot = cell.querySelector('slot');
                    const content = slot ? slot.assignedElements({flatten: true})[0] : null;
                    return content ? content.textContent.trim() : '';
                });
                """);
        return cells;
    }
}
