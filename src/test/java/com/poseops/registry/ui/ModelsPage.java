package com.poseops.registry.ui;

import static com.poseops.testsupport.ConsoleUi.waitForVaadin;

import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi;
import com.poseops.testsupport.PackagedApp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;

/**
 * The Models page as a person uses it in Chromium, for the end-to-end tests of both modes (and of endpoints and
 * notifications).
 */
public final class ModelsPage {

    private final Browser browser;
    private final PackagedApp app;

    public ModelsPage(Browser browser, PackagedApp app) {
        this.browser = browser;
        this.app = app;
    }

    public ModelsPage open() {
        browser.open(app.url("/models"));
        browser.waitFor("the models grid", driver -> !driver.findElements(By.id("versions-grid")).isEmpty());
        waitForVaadin(browser);
        return this;
    }

    /** Registers through the dialog, choosing the file through the upload's own file input. */
    public void register(Path model, String description) throws IOException {
        browser.driver().findElement(By.id("register-button")).click();
        ConsoleUi.chooseFile(browser, "model-upload", model);
        browser.waitFor("the upload to arrive", driver -> text("uploaded-file").startsWith("Received"));
        browser.driver().findElement(By.cssSelector("#model-description textarea")).sendKeys(description);
        browser.driver().findElement(By.id("confirm-register")).click();
    }

    /** Waits for the selected version's evaluation to end (pushed to the page); returns the status line. */
    public String awaitEvaluation() {
        return browser.waitFor("the evaluation to finish (pushed to the page)", driver -> {
            String status = text("evaluation-status");
            return status.startsWith("Evaluated") || status.startsWith("Evaluation failed") ? status : null;
        });
    }

    public void select(int version) {
        browser.waitFor("the row of version " + version, driver -> driver.findElements(
                        By.tagName("vaadin-grid-cell-content")).stream()
                .filter(cell -> cell.getText().trim().equals("v" + version)).findFirst().orElse(null)).click();
        browser.waitFor("the detail of version " + version,
                driver -> text("detail-title").equals("Version " + version));
    }

    public void accept(String comment) {
        browser.waitFor("the accept button", driver -> driver.findElement(By.id("approve-button")).isDisplayed());
        browser.driver().findElement(By.id("approve-button")).click();
        browser.waitFor("the comment field", driver -> driver.findElement(By.cssSelector("#decision-comment textarea")))
                .sendKeys(comment);
        browser.driver().findElement(By.id("confirm-decision")).click();
        browser.waitFor("the version to show as approved",
                driver -> metadata().contains("Status: Approved"));
    }

    /** The cells of the versions grid's first row once its metrics are shown. */
    public List<String> firstRowWithMetrics() {
        return browser.waitFor("the grid row with metrics", driver -> {
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
            return cells.size() > 8 && !cells.get(5).isBlank() && !cells.get(5).startsWith("evaluating") ? cells : null;
        });
    }

    /** How many points the trend chart drew, once ApexCharts has rendered its SVG. */
    public String chartPoints() {
        return browser.waitFor("the chart to draw", driver -> {
            String value = browser.js("""
                    const chart = document.getElementById('metrics-chart');
                    return chart && chart.querySelector('svg') ? chart.dataset.seriesPoints : null;
                    """);
            return value == null || value.equals("0") ? null : value;
        });
    }

    /**
     * The detail panel's metadata, one "Label: value" line per row, as a person reads it (a status badge inside a
     * line is part of that line, which Selenium's getText would break apart).
     */
    public String metadata() {
        return browser.waitFor("the version's metadata", driver -> browser.js("""
                const metadata = document.getElementById('version-metadata');
                return metadata ? [...metadata.children].map(row => row.textContent.replace(/\\s+/g, ' ').trim())
                    .join('\\n') : null;
                """));
    }

    public String text(String id) {
        return ConsoleUi.text(browser, id);
    }
}
