package com.poseops.endpoints.ui;

import static com.poseops.testsupport.ConsoleUi.waitForVaadin;

import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi;
import com.poseops.testsupport.PackagedApp;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The Endpoints page as a person uses it in Chromium, for the end-to-end tests of both modes. */
public final class EndpointsPage {

    private final Browser browser;
    private final PackagedApp app;

    public EndpointsPage(Browser browser, PackagedApp app) {
        this.browser = browser;
        this.app = app;
    }

    public EndpointsPage open() {
        browser.open(app.url("/endpoints"));
        browser.waitFor("the endpoints page", driver -> !driver.findElements(By.id("endpoint-card")).isEmpty());
        waitForVaadin(browser);
        return this;
    }

    /**
     * Deploys through the dialog.
     *
     * @param version null: the version the dialog offers first (the newest Approved one)
     * @param step    the canary size or linear step in percent (ignored for all at once)
     */
    public void deploy(Integer version, String routing, int step, int bakeSeconds, int maxExecutionSeconds) {
        deploy(version, routing, step, bakeSeconds, maxExecutionSeconds, true);
    }

    /** The same, choosing whether the rollback alarms guard the deployment. */
    public void deploy(Integer version, String routing, int step, int bakeSeconds, int maxExecutionSeconds,
            boolean autoRollback) {
        browser.waitFor("the deploy button enabled", driver -> driver.findElement(By.id("deploy-button"))
                .isEnabled());
        browser.driver().findElement(By.id("deploy-button")).click();
        browser.waitFor("the deploy dialog", driver -> !driver.findElements(By.id("deploy-dialog")).isEmpty());
        if (version != null) {
            browser.waitFor("the version select", driver -> driver.findElement(By.id("deploy-version"))).click();
            browser.waitFor("version " + version + " in the list", driver -> driver.findElements(
                            By.cssSelector("vaadin-select-item")).stream()
                    .filter(item -> item.getText().trim().startsWith("Version " + version + " —")).findFirst()
                    .orElse(null)).click();
        }
        WebElement option = browser.waitFor("option " + routing, driver -> driver.findElements(
                        By.cssSelector("#deploy-routing vaadin-radio-button")).stream()
                .filter(button -> button.getText().trim().equals(routing)).findFirst().orElse(null));
        option.click();
        if (!routing.equals("All at once")) {
            type("deploy-step", Integer.toString(step));
        }
        type("deploy-bake", Integer.toString(bakeSeconds));
        type("deploy-max-execution", Integer.toString(maxExecutionSeconds));
        WebElement alarms = browser.waitFor("the auto-rollback box", driver -> driver.findElement(
                By.id("deploy-alarms")));
        if (Boolean.parseBoolean(alarms.getDomProperty("checked")) != autoRollback) {
            alarms.findElement(By.cssSelector("input")).click();
            browser.waitFor("the auto-rollback box " + (autoRollback ? "ticked" : "cleared"), driver -> Boolean
                    .parseBoolean(alarms.getDomProperty("checked")) == autoRollback);
        }
        waitForVaadin(browser);
        String problems = text("deploy-problems");
        if (!problems.isEmpty()) {
            throw new AssertionError("the deploy dialog refuses the policy: " + problems);
        }
        browser.driver().findElement(By.id("confirm-deploy")).click();
        browser.waitFor("the deploy dialog to close", driver -> driver.findElements(By.id("deploy-dialog")).isEmpty());
    }

    /** SageMaker's status word on the badge ({@code InService} …), or null before the page shows one. */
    public String status() {
        return browser.js("""
                const badge = document.getElementById('endpoint-status-badge');
                return badge ? badge.getAttribute('data-status') : null;
                """);
    }

    /** The current step of the deployment in progress, or null when none is shown. */
    String currentStep() {
        return browser.js("""
                const panel = document.getElementById('deployment-panel');
                if (!panel || panel.hidden || panel.style.display === 'none') { return null; }
                const item = panel.querySelector('#deployment-steps li[data-state=CURRENT]');
                return item ? item.textContent.trim() : null;
                """);
    }

    /** Every step the deployment panel lists. */
    List<String> steps() {
        return browser.js("""
                return [...document.querySelectorAll('#deployment-steps li')].map(li => li.textContent.trim());
                """);
    }

    boolean deploymentShown() {
        return currentStep() != null;
    }

    /** The text of the history grid's row {@code index}, cells joined with " | " (empty when there is no such row). */
    public String historyRow(int index) {
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

    public void click(String id) {
        browser.waitFor("#" + id + " enabled", driver -> driver.findElement(By.id(id)).isEnabled());
        browser.driver().findElement(By.id(id)).click();
    }

    public String text(String id) {
        return ConsoleUi.text(browser, id);
    }

    private void type(String fieldId, String value) {
        browser.waitFor("field " + fieldId, driver -> driver.findElement(By.cssSelector("#" + fieldId + " input")))
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.TAB);
    }
}
