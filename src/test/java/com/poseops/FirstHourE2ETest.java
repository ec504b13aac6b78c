package com.poseops;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.text;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi;
import com.poseops.testsupport.PackagedApp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * The first hour of a newcomer, end to end: the packaged jar started as the README says (a fresh data directory, the
 * model from {@code POSEOPS_MODEL_PATH}, nothing else configured), headless Chromium. Sign in, read the Overview,
 * register a version and see it arrive on the Overview without a reload, open the version by its address, mistype an
 * address — and no page logs a browser console error on the way (checked after each page, and by {@link Browser}).
 * <p>
 * Seeing the new version's metrics without editing config waits for a default evaluation set (issue 11); that step is
 * not here yet.
 */
class FirstHourE2ETest {

    private static final String ADMIN_PASSWORD = "first-hour-Pw-1";

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword(ADMIN_PASSWORD)
            .withEnvironment("POSEOPS_MODEL_PATH", TestData.lightningInt8Model().toAbsolutePath().toString());

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void aNewcomerSignsInReadsTheOverviewRegistersAVersionOpensItByItsAddressAndMistypesOne() throws Exception {
        // Sign in: the Overview is the home page.
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        assertThat(browser.currentPath()).isEqualTo("/");
        noConsoleErrors("the sign-in page and the Overview");
        browser.waitFor("the side navigation's icons to draw (names of the icon set, not URLs)",
                driver -> ConsoleUi.sideNavIconsDrawn(browser));

        // The Overview's cards, each with a heading that links to its page and a word on what to do when empty.
        List<String> cards = browser.js("""
                return [...document.querySelectorAll('#overview-cards > vaadin-card')].map(card => card.id);""");
        assertThat(cards).containsSubsequence("overview-pending-versions", "overview-recent-activity",
                "overview-installation");
        assertThat(text(browser, "pending-versions")).as("the pending card on a fresh install")
                .contains("No versions are waiting for a decision.").contains("registers a version on the Models page");
        assertThat(text(browser, "recent-activity")).as("recent activity: this sign-in").contains("admin · sign-in");
        assertThat(text(browser, "installation")).contains("Mode: local").contains("Signed in as admin");
        assertThat(linkOf("overview-pending-versions")).isEqualTo("models");
        assertThat(linkOf("overview-recent-activity")).isEqualTo("audit");
        String overviewTab = browser.driver().getWindowHandle();

        // Register a version in a second tab, as a DEPLOYER (admin has every role) ...
        browser.driver().switchTo().newWindow(WindowType.TAB);
        ModelsPage models = new ModelsPage(browser, app).open();
        models.register(TestData.lightningInt8Model(), "Lightning int8 4, my first version");
        browser.waitFor("the new version's detail", driver -> models.text("detail-title").equals("Version 1"));
        noConsoleErrors("the Models page and the Register dialog");

        // ... and the Overview, still open in the first tab, shows it waiting for a decision, pushed.
        browser.driver().switchTo().window(overviewTab);
        browser.waitFor("v1 on the Overview without a reload", driver -> !driver.findElements(
                By.cssSelector("#pending-versions [data-version='1']")).isEmpty());
        assertThat(text(browser, "pending-versions")).contains("v1").contains("Decide");
        assertThat(text(browser, "recent-activity")).as("the registration, pushed to recent activity")
                .contains("admin · model.register model:hp-prediction-models/1");

        // The card's link opens the version's own page.
        browser.driver().findElement(By.cssSelector("#pending-versions [data-version='1'] a")).click();
        browser.waitFor("/models/1 after following Decide", driver -> browser.currentPath().equals("/models/1")
                && models.text("detail-title").equals("Version 1"));

        // The address of a version opens it directly (a bookmark, a link in a chat).
        browser.open(app.url("/models/1"));
        browser.waitFor("version 1 opened by its address", driver -> !driver.findElements(By.id("detail-title"))
                .isEmpty() && models.text("detail-title").equals("Version 1"));
        waitForVaadin(browser);
        assertThat(models.metadata()).contains("Status: Pending").contains("my first version");
        noConsoleErrors("/models/1");

        // A mistyped address: the console's own not-found page, inside the shell — not a bare HTTP error.
        for (String wrong : List.of("/deploy", "/models/99")) {
            browser.open(app.url(wrong));
            browser.waitFor("the not-found page for " + wrong,
                    driver -> !driver.findElements(By.id("not-found")).isEmpty());
            waitForVaadin(browser);
            assertThat(text(browser, "not-found")).contains("Page not found").contains("There is nothing at " + wrong);
            assertThat(browser.driver().findElements(By.id("main-nav"))).as("the shell around it").isNotEmpty();
            noConsoleErrors(wrong);
        }
        browser.driver().findElement(By.id("not-found-home")).click();
        browser.waitFor("back on the Overview", driver -> !driver.findElements(By.id("overview-cards")).isEmpty());
        noConsoleErrors("the Overview again");
    }

    private String linkOf(String cardId) {
        return browser.js("return document.querySelector('#' + arguments[0] + ' a.overview-card-link')"
                + ".getAttribute('href')", cardId);
    }

    private void noConsoleErrors(String where) {
        assertThat(browser.consoleErrors()).as("browser console errors on %s", where).isEmpty();
    }
}
