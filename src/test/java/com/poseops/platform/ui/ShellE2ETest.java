package com.poseops.platform.ui;

import static com.poseops.testsupport.ConsoleUi.awaitSignInPage;
import static com.poseops.testsupport.ConsoleUi.luminance;
import static com.poseops.testsupport.ConsoleUi.meanLuminance;
import static com.poseops.testsupport.ConsoleUi.openAuditLog;
import static com.poseops.testsupport.ConsoleUi.pageBackgroundRgb;
import static com.poseops.testsupport.ConsoleUi.sideNavLabels;
import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.signInError;
import static com.poseops.testsupport.ConsoleUi.submitSignIn;
import static com.poseops.testsupport.ConsoleUi.text;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi.AuditRow;
import com.poseops.testsupport.PackagedApp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The console's shell end to end: the packaged jar as a process (local mode, DynamoDB Local child), real headless
 * Chromium. One console serves the whole class; the last test restarts it on the same data directory.
 *
 * <p>Besides the bootstrap {@code admin}, the console is started with a config.yml that adds a VIEWER, whose BCrypt
 * hash is made here, so that role enforcement is checked against a real sign-in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShellE2ETest {

    private static final String ADMIN_PASSWORD = "e2e-admin-Pw-1";
    private static final String VIEWER = "vera";
    private static final String VIEWER_PASSWORD = "e2e-viewer-Pw-2";

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword(ADMIN_PASSWORD).withConfig("""
            Security:
              users:
                - username: %s
                  passwordHash: "{bcrypt}%s"
                  roles: [VIEWER]
            """.formatted(VIEWER, new BCryptPasswordEncoder().encode(VIEWER_PASSWORD)));

    @RegisterExtension
    final Browser browser = new Browser();

    /** The audit grid's time format (server's zone; the console runs on this machine). */
    private static final DateTimeFormatter AUDIT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Test
    @Order(1)
    void anonymousVisitorIsSentToTheSignInPage() {
        for (String path : List.of("/", "/audit", "/admin/system", "/deploy", "/models/1")) {
            browser.open(app.url(path));
            awaitSignInPage(browser, "after an anonymous visit to " + path);
            assertThat(browser.driver().findElements(By.id("installation")))
                    .as("the overview must not render for an anonymous visitor of %s", path).isEmpty();
            assertThat(browser.driver().findElements(By.id("audit-grid")))
                    .as("the audit log must not render for an anonymous visitor of %s", path).isEmpty();
        }
    }

    @Test
    @Order(2)
    void adminSignsInAndSeesTheShell() {
        signIn(browser, app, "admin", ADMIN_PASSWORD);

        assertThat(browser.currentPath()).as("where a sign-in from the sign-in page lands").isEqualTo("/");
        assertThat(text(browser, "installation")).as("the overview's installation panel")
                .contains("Mode: local").contains("Signed in as admin");
        assertThat(text(browser, "mode-badge")).as("mode badge").isEqualTo("local mode");
        assertThat(text(browser, "signed-in-user")).as("signed-in user in the header").isEqualTo("admin");
        assertThat(sideNavLabels(browser)).as("side navigation of an ADMIN")
                .containsSubsequence("Overview", "Audit log", "System");
    }

    @Test
    @Order(3)
    void themeSwitchMakesThePageDarkAndTheChoiceSurvivesAReload() {
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        assertThat(htmlTheme()).as("<html theme> before switching").doesNotContain("dark");
        int[] light = pageBackgroundRgb(browser);
        double lightLuminance = luminance(light[0], light[1], light[2]);
        double lightScreen = meanLuminance(browser.screenshot());
        assertThat(lightLuminance).as("page background luminance in the light theme, rgb %s", Arrays.toString(light))
                .isGreaterThan(0.6);

        browser.driver().findElement(By.id("theme-switch")).click();
        browser.waitFor("<html theme> to contain 'dark' after clicking the theme switch",
                driver -> htmlTheme().contains("dark"));
        int[] dark = browser.waitFor("the page background to change colour",
                driver -> Arrays.equals(pageBackgroundRgb(browser), light) ? null : pageBackgroundRgb(browser));
        assertThat(luminance(dark[0], dark[1], dark[2]))
                .as("page background luminance in the dark theme, rgb %s (light was %s)", Arrays.toString(dark),
                        Arrays.toString(light))
                .isLessThan(0.1);
        double darkScreen = meanLuminance(browser.screenshot());
        assertThat(darkScreen).as("mean luminance of the whole screenshot: dark %s vs light %s", darkScreen,
                lightScreen).isLessThan(lightScreen - 0.3);
        assertThat(text(browser, "theme-switch")).as("the switch then offers the light theme").isEqualTo("Light");

        browser.driver().navigate().refresh();
        browser.waitFor("the shell after a reload", driver -> !driver.findElements(By.id("theme-switch")).isEmpty());
        browser.waitFor("<html theme> to contain 'dark' again after a reload", driver -> htmlTheme().contains("dark"));
        waitForVaadin(browser);
        assertThat(pageBackgroundRgb(browser)).as("page background after a reload").isEqualTo(dark);
        assertThat(text(browser, "theme-switch")).as("the switch after a reload").isEqualTo("Light");

        browser.driver().findElement(By.id("theme-switch")).click();
        browser.waitFor("<html theme> to lose 'dark' after switching back", driver -> !htmlTheme().contains("dark"));
        browser.waitFor("the light page background to come back",
                driver -> Arrays.equals(pageBackgroundRgb(browser), light));
    }

    @Test
    @Order(4)
    void signOutThenAWrongPasswordIsRefusedAndBothAttemptsAreAudited() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        signIn(browser, app, "admin", ADMIN_PASSWORD);

        browser.driver().findElement(By.id("sign-out")).click();
        awaitSignInPage(browser, "after signing out");
        browser.open(app.url("/"));
        awaitSignInPage(browser, "when opening / again after signing out (the session must be gone)");

        assertThat(signInError(browser)).as("error box on the sign-in page before a wrong password").isEmpty();
        submitSignIn(browser, "admin", "not-the-password");
        browser.waitFor("the sign-in form to show an error after a wrong password",
                driver -> signInError(browser).contains("Wrong user name or password"));
        assertThat(browser.currentPath()).as("a wrong password stays on the sign-in page").isEqualTo("/login");
        assertThat(browser.driver().findElements(By.id("main-nav"))).as("no shell after a wrong password").isEmpty();

        submitSignIn(browser, "admin", ADMIN_PASSWORD);
        browser.waitFor("the shell after signing in again",
                driver -> !driver.findElements(By.id("main-nav")).isEmpty());
        List<AuditRow> signIns = adminSignIns(openAuditLog(browser, app));

        assertThat(signIns).as("admin sign-ins in the audit log, newest first").hasSizeGreaterThanOrEqualTo(3);
        assertThat(signIns.subList(0, 3)).extracting(AuditRow::outcome).as("the last three admin sign-ins, newest "
                + "first: this one, the wrong password, the one before signing out; all rows: %s", signIns)
                .containsExactly("success", "failure", "success");
        assertThat(signIns.get(1).comment()).as("why the failed sign-in failed").isNotBlank();
        for (AuditRow row : signIns.subList(0, 3)) {
            assertThat(row.target()).as("target of %s", row).isEqualTo("console");
            Instant at = LocalDateTime.parse(row.when(), AUDIT_TIME).atZone(ZoneId.systemDefault()).toInstant();
            assertThat(at).as("time of %s (test started %s)", row, started)
                    .isBetween(started.minusSeconds(2), Instant.now().plusSeconds(2));
        }
    }

    @Test
    @Order(5)
    void viewerCannotOpenTheSystemPage() {
        signIn(browser, app, VIEWER, VIEWER_PASSWORD);
        assertThat(text(browser, "signed-in-user")).as("signed-in user in the header").isEqualTo(VIEWER);
        assertThat(text(browser, "installation")).as("the overview for a VIEWER").contains("Signed in as vera (VIEWER)");
        assertThat(sideNavLabels(browser)).as("side navigation of a VIEWER")
                .contains("Overview", "Audit log").doesNotContain("System");

        browser.open(app.url("/admin/system"));
        waitForVaadin(browser);
        browser.waitFor("a page to render after opening /admin/system as a VIEWER",
                driver -> !driver.findElement(By.id("outlet")).getText().isBlank());
        String shown = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(browser.driver().findElements(By.id("configuration")))
                .as("the System page's configuration grid must not render for a VIEWER; page shows: %s", shown)
                .isEmpty();
        // The console answers a page the user may not open like an unknown one (it does not reveal that it exists).
        assertThat(shown).as("what a VIEWER sees at /admin/system")
                .contains("Page not found").contains("There is nothing at /admin/system")
                .doesNotContain("Security.adminPassword").doesNotContain("Aws.tablePrefix")
                .doesNotContain("Something went wrong on the server");
    }

    @Test
    @Order(6)
    void auditLogKeepsEarlierSignInsAcrossARestart() throws Exception {
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        List<AuditRow> before = adminSignIns(openAuditLog(browser, app));
        assertThat(before).as("admin sign-ins before the restart").isNotEmpty().hasSizeLessThan(15);

        // Leave the console's page first: an open page would keep trying to reach the stopped console (a new port
        // after the restart) and log each failed attempt as a console error.
        browser.open("about:blank");
        app.restart();

        signIn(browser, app, "admin", ADMIN_PASSWORD);
        List<AuditRow> after = adminSignIns(openAuditLog(browser, app));
        assertThat(after).as("admin sign-ins after the restart: the new one on top of all the earlier ones")
                .hasSize(before.size() + 1);
        assertThat(after.getFirst().outcome()).as("the sign-in after the restart").isEqualTo("success");
        assertThat(after.subList(1, after.size())).as("the sign-ins from before the restart, unchanged")
                .containsExactlyElementsOf(before);
    }

    // ---- helpers ----

    private static List<AuditRow> adminSignIns(List<AuditRow> rows) {
        return rows.stream().filter(row -> row.who().equals("admin") && row.action().equals("sign-in")).toList();
    }

    private String htmlTheme() {
        String theme = browser.js("return document.documentElement.getAttribute('theme') || ''");
        return theme == null ? "" : theme;
    }
}
