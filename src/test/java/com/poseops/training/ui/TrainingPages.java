package com.poseops.training.ui;

import static com.poseops.testsupport.ConsoleUi.waitForVaadin;

import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi;
import com.poseops.testsupport.PackagedApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Datasets and Training pages as a person uses them in Chromium, for the end-to-end tests of both modes. */
final class TrainingPages {

    static final Duration JOB_TIMEOUT = Duration.ofSeconds(300);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Browser browser;
    private final PackagedApp app;

    TrainingPages(Browser browser, PackagedApp app) {
        this.browser = browser;
        this.app = app;
    }

    /** Uploads a zip through an open upload dialog (the Datasets page's, or the Models page's evaluation set). */
    void uploadThroughDialog(Path zip, String name) {
        ConsoleUi.uploadDatasetThroughDialog(browser, zip, name);
    }

    void uploadDataset(Path zip, String name) {
        browser.open(app.url("/datasets"));
        browser.waitFor("the upload button", driver -> driver.findElement(By.id("upload-dataset"))).click();
        uploadThroughDialog(zip, name);
        browser.waitFor("the dataset in the list", driver -> ConsoleUi.text(browser, "datasets-grid").contains(name));
    }

    /** Picks the item with {@code label} in a vaadin-select. */
    void choose(String selectId, String label) {
        browser.waitFor("select " + selectId, driver -> driver.findElement(By.id(selectId))).click();
        browser.waitFor("item " + label + " of " + selectId, driver -> driver.findElements(
                        By.cssSelector("vaadin-select-item")).stream()
                .filter(item -> item.isDisplayed() && item.getText().trim().startsWith(label)).findFirst()
                .orElse(null)).click();
        waitForVaadin(browser);
    }

    void type(String fieldId, String value) {
        WebElement input = browser.waitFor("field " + fieldId, driver -> driver.findElement(
                By.cssSelector("#" + fieldId + " input, #" + fieldId + " textarea")));
        input.clear();
        input.sendKeys(value);
    }

    /** Starts a job from the Training page's dialog; returns the job's name from the page it opens. */
    String startJob(String reason, String trainSet, String validationSet, String baseModel,
            Map<String, String> hyperparameters) {
        browser.open(app.url("/training"));
        browser.waitFor("the start button", driver -> driver.findElement(By.id("start-training"))).click();
        browser.waitFor("the start dialog", driver -> driver.findElement(By.id("start-training-dialog")));
        type("training-reason", reason);
        choose("train-dataset", trainSet);
        choose("validation-dataset", validationSet);
        choose("base-model", baseModel);
        hyperparameters.forEach((name, value) -> type("hp-" + name, value));
        waitForVaadin(browser);
        browser.driver().findElement(By.id("confirm-training")).click();
        browser.waitFor("the job's page", Duration.ofSeconds(60), driver -> browser.currentPath()
                .startsWith("/training/poseops-"));
        return browser.currentPath().substring("/training/".length());
    }

    /** The points drawn for {@code series} in a chart, as its {@code data-series} attribute carries them. */
    int points(String chartId, String series) {
        String json = browser.js("""
                const chart = document.getElementById(arguments[0]);
                return chart ? chart.getAttribute('data-series') : null;
                """, chartId);
        if (json == null) {
            return 0;
        }
        for (JsonNode line : JSON.readTree(json)) {
            if (line.get("name").asString().equals(series)) {
                return line.get("data").size();
            }
        }
        return 0;
    }

    /** The job's primary status as its badge carries it, e.g. {@code Completed}. */
    String status() {
        return browser.js("""
                const badge = document.querySelector('#job-status .training-status');
                return badge ? badge.getAttribute('data-status') : '';
                """);
    }

    String awaitStatus(List<String> statuses) {
        return browser.waitFor("the job to end " + statuses, JOB_TIMEOUT, driver -> {
            String status = status();
            return statuses.contains(status) ? status : null;
        });
    }
}
