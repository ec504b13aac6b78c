package com.poseops.registry.ui;

import static com.poseops.testsupport.ConsoleUi.awaitSignInPage;
import static com.poseops.testsupport.ConsoleUi.openAuditLog;
import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi.AuditRow;
import com.poseops.testsupport.PackagedApp;
import java.util.List;
import java.util.Map;
import com.poseops.testsupport.ConsoleUi;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The Models page end to end: the packaged jar (local mode), headless Chromium. A DEPLOYER registers the Lightning
 * int8 model through the upload's file input and waits for its evaluation metrics; an APPROVER accepts it with a
 * comment; the audit log shows the decision.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelsE2ETest {

    static final String ADMIN_PASSWORD = "e2e-admin-Pw-5";

    static final String DEPLOYER = "dora";
    static final String DEPLOYER_PASSWORD = "e2e-deployer-Pw-3";
    static final String APPROVER = "alice";
    static final String APPROVER_PASSWORD = "e2e-approver-Pw-4";
    static final String COMMENT = "PCK 1.0 on the evaluation set, ship it";

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword(ADMIN_PASSWORD).withConfig(config(true));

    @RegisterExtension
    final Browser browser = new Browser();

    /** Two users, the evaluation set of ../shared and (local mode) the same model as the serving one. */
    static String config(boolean withServingModel) {
        return """
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
                """.formatted(withServingModel ? TestData.lightningInt8Model().toAbsolutePath().normalize() : "",
                TestData.sharedDir().resolve("testdata/pose/tensorflow-examples").toAbsolutePath().normalize(),
                DEPLOYER, new BCryptPasswordEncoder().encode(DEPLOYER_PASSWORD),
                APPROVER, new BCryptPasswordEncoder().encode(APPROVER_PASSWORD));
    }

    @Test
    @Order(1)
    void aDeployerRegistersTheModelAndAnApproverAcceptsItWithAComment() throws Exception {
        signIn(browser, app, DEPLOYER, DEPLOYER_PASSWORD);
        ModelsPage page = new ModelsPage(browser, app).open();
        page.register(TestData.lightningInt8Model(), "Lightning int8 4 from TF Hub");

        browser.waitFor("the new version's detail panel", driver -> page.text("detail-title").equals("Version 1"));
        assertThat(page.awaitEvaluation()).isEqualTo("Evaluated on 2 images.");
        assertThat(page.metadata()).contains("Status: Pending").contains("by " + DEPLOYER)
                .contains("Max error (px): ").contains("PCK@0.05: ");
        List<String> row = page.firstRowWithMetrics();
        assertThat(row.getFirst()).as("version column of %s", row).isEqualTo("v1");
        assertThat(row).contains(DEPLOYER, "Pending");
        assertThat(Double.parseDouble(row.get(5))).as("max error shown in the grid, row %s", row)
                .isPositive().isLessThanOrEqualTo(24.0);
        // The endpoint serves PoseOps.modelPath, a file with the same bytes as version 1 but not deployed from it: a
        // Pending version must not be labelled as serving and compared with itself (issue 13).
        assertThat(page.text("serving-baseline")).as("what the page compares with").doesNotContain("version 1");
        assertThat(row).as("the version's row").doesNotContain("serving");
        assertThat(page.chartPoints()).as("points in the trend chart").isEqualTo("1");
        // for people reviewing the page: target/e2e-screenshots/models-page-evaluated.png
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "e2e-screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "e2e-screenshots", "models-page-evaluated.png"),
                browser.screenshot());

        browser.driver().findElement(By.id("sign-out")).click();
        awaitSignInPage(browser, "after the deployer signs out");

        signIn(browser, app, APPROVER, APPROVER_PASSWORD);
        page.open();
        assertThat(browser.driver().findElements(By.id("register-button")))
                .as("an APPROVER has no register button").allMatch(element -> !element.isDisplayed());
        page.select(1);
        page.accept(COMMENT);
        assertThat(page.metadata()).contains("approved by " + APPROVER + ": " + COMMENT);
        Map<String, Object> badge = statusCell(1, "Approved");
        assertThat(((Number) badge.get("badgeRight")).doubleValue()).as("the Approved badge ends inside its cell: %s",
                badge).isLessThanOrEqualTo(((Number) badge.get("cellRight")).doubleValue() + 0.5);
        assertThat(((Number) badge.get("cellScroll")).intValue()).as("nothing cut in the status cell: %s", badge)
                .isLessThanOrEqualTo(((Number) badge.get("cellClient")).intValue() + 1);
        assertThat(((Number) badge.get("badgeScroll")).intValue()).as("the badge shows its whole text: %s", badge)
                .isLessThanOrEqualTo(((Number) badge.get("badgeClient")).intValue() + 1);

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

    @Test
    @Order(2)
    void aRowClickedRightAfterRegisteringIsSelectedAtOnceAndGetsItsAddress() throws Exception {
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        ModelsPage page = new ModelsPage(browser, app).open();

        // First a file that is no model: refused on Register with the reason ...
        java.nio.file.Path notAModel = java.nio.file.Files.createTempFile("notes-", ".tflite");
        java.nio.file.Files.writeString(notAModel, "these are my notes, not a model");
        browser.driver().findElement(By.id("register-button")).click();
        ConsoleUi.chooseFile(browser, "model-upload", notAModel);
        browser.waitFor("the notes to arrive", driver -> page.text("uploaded-file").contains(
                notAModel.getFileName().toString()));
        browser.driver().findElement(By.cssSelector("#model-description textarea"))
                .sendKeys("a second version, evaluated while v1 is clicked");
        browser.driver().findElement(By.id("confirm-register")).click();
        browser.waitFor("the refusal", driver -> page.text("register-error").contains("not a TensorFlow Lite model"));
        // ... then the right file is taken as it is, not refused as a second file ("Too Many Files").
        ConsoleUi.chooseFile(browser, "model-upload", TestData.lightningInt8Model());
        browser.waitFor("the model to arrive", driver -> page.text("uploaded-file").contains(
                TestData.lightningInt8Model().getFileName().toString()));
        assertThat(page.text("register-error")).as("no refusal for the second file").isEmpty();
        browser.driver().findElement(By.id("confirm-register")).click();
        browser.waitFor("the new version's detail", driver -> page.text("detail-title").equals("Version 2"));
        java.nio.file.Files.deleteIfExists(notAModel);

        // One click on v1 while v2's evaluation pushes its steps: it must select v1 the first time.
        page.select(1);
        assertThat(browser.currentPath()).as("the address follows the selection").isEqualTo("/models/1");
        assertThat(page.metadata()).contains("Status: Approved");

        browser.open(app.url("/models/2"));
        browser.waitFor("version 2 opened by its address", driver -> !driver.findElements(By.id("detail-title"))
                .isEmpty() && page.text("detail-title").equals("Version 2"));
    }

    @Test
    @Order(3)
    void onAPhoneTheChartAndTheDetailsStackAndTheKeyColumnsFit() {
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        browser.open(app.url("/models/1"));
        browser.waitFor("the grid in its narrow layout", driver -> "narrow".equals(
                driver.findElement(By.id("versions-grid")).getAttribute("data-layout")));
        waitForVaadin(browser);
        Map<String, Number> box = browser.waitFor("the grid's columns to settle", driver -> browser.js("""
                const grid = document.getElementById('versions-grid');
                const table = grid.shadowRoot.querySelector('#table');
                const trend = document.getElementById('trend').getBoundingClientRect();
                const detail = document.getElementById('version-detail').getBoundingClientRect();
                const pck = [...grid.querySelectorAll('vaadin-grid-cell-content')]
                    .find(cell => cell.textContent.trim() === 'PCK');
                if (!pck) { return null; }
                return {scrollWidth: table.scrollWidth, clientWidth: table.clientWidth,
                        trendBottom: trend.bottom, trendWidth: trend.width, detailTop: detail.top,
                        detailWidth: detail.width, pckRight: pck.getBoundingClientRect().right,
                        windowWidth: window.innerWidth};
                """));
        assertThat(box.get("scrollWidth").doubleValue()).as("the grid needs no sideways scrolling: %s", box)
                .isLessThanOrEqualTo(box.get("clientWidth").doubleValue() + 1);
        assertThat(box.get("pckRight").doubleValue()).as("the PCK column is on screen: %s", box)
                .isLessThanOrEqualTo(box.get("windowWidth").doubleValue());
        Map<String, Object> badge = statusCell(1, "Approved");
        assertThat(((Number) badge.get("cellScroll")).intValue()).as("the Approved badge fits on a phone: %s", badge)
                .isLessThanOrEqualTo(((Number) badge.get("cellClient")).intValue() + 1);
        assertThat(box.get("detailTop").doubleValue()).as("the detail panel is below the chart: %s", box)
                .isGreaterThanOrEqualTo(box.get("trendBottom").doubleValue() - 1);
        assertThat(box.get("detailWidth").doubleValue()).as("the detail panel has the page's width: %s", box)
                .isGreaterThan(300);
    }

    @Test
    @Order(4)
    void inDarkModeTheChartsAxisTitlesAreReadableAndThePckAxisEndsAtOne() {
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        ModelsPage page = new ModelsPage(browser, app).open();
        page.chartPoints();
        browser.driver().findElement(By.id("theme-switch")).click();
        browser.waitFor("the dark theme", driver -> {
            Object theme = browser.js("return document.documentElement.getAttribute('theme')");
            return theme != null && theme.toString().contains("dark");
        });
        double title = ConsoleUi.contrast(browser, "#metrics-chart .apexcharts-yaxis-title-text", "fill");
        assertThat(title).as("contrast of the y axis title on the dark page (WCAG AA asks 4.5)")
                .isGreaterThanOrEqualTo(4.5);
        double labels = ConsoleUi.contrast(browser, "#metrics-chart .apexcharts-xaxis-label", "fill");
        assertThat(labels).as("contrast of the x axis labels on the dark page").isGreaterThanOrEqualTo(3);

        browser.driver().findElement(By.id("chart-metric")).click();
        browser.waitFor("the metric list", driver -> Boolean.TRUE.equals(browser.js("""
                const item = [...document.querySelectorAll('vaadin-select-item')]
                    .find(i => i.textContent.trim() === 'PCK@0.05');
                if (!item) { return false; }
                item.click();
                return true;
                """)));
        List<Double> ticks = browser.waitFor("the PCK axis", driver -> {
            List<String> texts = browser.js("""
                    const title = document.querySelector('#metrics-chart .apexcharts-yaxis-title-text');
                    if (!title || !title.textContent.startsWith('PCK')) { return null; }
                    return [...document.querySelectorAll('#metrics-chart .apexcharts-yaxis-label')]
                        .map(label => (label.querySelector('tspan') || label).textContent.trim());
                    """);
            return texts == null || texts.isEmpty() ? null : texts.stream().map(Double::parseDouble).toList();
        });
        assertThat(ticks).as("PCK@0.05 axis ticks").contains(0.0).allSatisfy(tick ->
                assertThat(tick).isBetween(0.0, 1.0));
        assertThat(ticks.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isEqualTo(1.0);
    }

    /** The status badge of version {@code version}'s row fits its cell (is not cut to "Approv…"). */
    private Map<String, Object> statusCell(int version, String status) {
        return browser.waitFor("the " + status + " badge of v" + version, driver -> browser.js("""
                const grid = document.getElementById('versions-grid');
                const cells = [...grid.querySelectorAll('vaadin-grid-cell-content')];
                const row = cells.find(cell => cell.textContent.trim() === 'v' + arguments[0]);
                if (!row) { return null; }
                const badge = cells.map(cell => cell.querySelector('vaadin-badge'))
                    .find(b => b && b.textContent.trim() === arguments[1]
                        && Math.abs(b.getBoundingClientRect().top - row.getBoundingClientRect().top) < 20);
                if (!badge) { return null; }
                const cell = badge.closest('vaadin-grid-cell-content');
                const b = badge.getBoundingClientRect(), c = cell.getBoundingClientRect();
                return {badgeRight: b.right, cellRight: c.right, badgeScroll: badge.scrollWidth,
                        badgeClient: badge.clientWidth, cellScroll: cell.scrollWidth, cellClient: cell.clientWidth};
                """, version, status));
    }
}
