package com.poseops.platform;

import static com.poseops.testsupport.ConsoleUi.awaitSignInPage;
import static com.poseops.testsupport.ConsoleUi.openAuditLog;
import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.signInError;
import static com.poseops.testsupport.ConsoleUi.submitSignIn;
import static com.poseops.testsupport.ConsoleUi.text;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.platform.persistence.local.DynamoDbLocalLauncher;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi.AuditRow;
import com.poseops.testsupport.PackagedApp;
import com.poseops.testsupport.Visitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The probes of issue 15 against the packaged console, each a regression test: browser protections, CSRF on the
 * sign-in form, hostile user names, actuator scrapes, password guessing, a chunked 70 MB model upload, what child
 * processes can read of the console's environment, and the database child killed with SIGKILL.
 *
 * <p>The console runs with a VIEWER besides admin and small sign-in limits for accounts (2 free failures, locked
 * after 4), large ones for client addresses (every request here comes from 127.0.0.1).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningE2ETest {

    private static final String ADMIN_PASSWORD = "e2e-hardening-Pw-1";
    private static final String VIEWER = "vera";
    private static final String VIEWER_PASSWORD = "e2e-viewer-Pw-2";
    private static final String FORGED_LINE = "2031-01-01T00:00:00.000Z  INFO 1 --- [poseops] [main] c.p.FORGED : admin signed in";

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword(ADMIN_PASSWORD)
            .withEnvironment("POSEOPS_MODEL_PATH", TestData.lightningInt8Model().toAbsolutePath().toString())
            .withConfig("""
                    Security:
                      users:
                        - username: %s
                          passwordHash: "{bcrypt}%s"
                          roles: [VIEWER]
                      signIn:
                        accountFreeFailures: 2
                        accountLockAfterFailures: 4
                        clientFreeFailures: 1000
                        clientLockAfterFailures: 10000
                        maxDelay: 2s
                        lockDuration: 10m
                    """.formatted(VIEWER, new BCryptPasswordEncoder().encode(VIEWER_PASSWORD)));

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    @Order(1)
    void everyPageCarriesTheBrowserProtectionsAndWorksUnderItsContentSecurityPolicy() {
        Visitor visitor = new Visitor(app.baseUri());
        for (String path : List.of("/login", "/", "/audit", "/actuator/health")) {
            HttpResponse<String> response = visitor.get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as("CSP of %s", path)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
                            .contains("frame-ancestors 'none'").contains("object-src 'none'"));
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as("of %s", path).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as("of %s", path).hasValue("same-origin");
        }
        HttpResponse<String> page = new Visitor(app.baseUri()).get("/login"); // a new visitor: a new session cookie
        assertThat(page.headers().firstValue("Cache-Control")).as("the sign-in page").hasValueSatisfying(cache ->
                assertThat(cache).contains("no-store"));
        assertThat(page.headers().allValues("Set-Cookie")).as("session cookie over plain http")
                .anySatisfy(cookie -> assertThat(cookie).contains("JSESSIONID").contains("SameSite=Lax")
                        .contains("HttpOnly").doesNotContain("Secure"));
        HttpResponse<String> behindTls = new Visitor(app.baseUri()).get("/login", "X-Forwarded-Proto", "https");
        assertThat(behindTls.headers().allValues("Set-Cookie")).as("session cookie behind an HTTPS proxy")
                .anySatisfy(cookie -> assertThat(cookie).contains("Secure").contains("SameSite=Lax"));
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security")).isPresent();

        // Vaadin (and the charts of Models, Endpoints and Monitoring) work under the policy: every page opens, and the browser
        // reports no violation (Browser checks its console after each test and fails it on any CSP message or error).
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        for (String path : List.of("/", "/audit", "/pose", "/models", "/endpoints", "/monitoring", "/admin/system")) {
            browser.open(app.url(path));
            browser.waitFor("the page at " + path, driver -> !driver.findElements(By.id("main-nav")).isEmpty());
            waitForVaadin(browser);
        }
        assertThat(browser.consoleErrors()).as("console errors and CSP violations").isEmpty();
    }

    @Test
    @Order(2)
    void aSignInFormPostedFromAnotherSiteWithoutItsTokenDoesNotSignIn() {
        Visitor attacker = new Visitor(app.baseUri());
        HttpResponse<String> forged = attacker.postForm("/login",
                Map.of("username", "admin", "password", ADMIN_PASSWORD), "Origin", "http://evil.example");
        assertThat(Visitor.location(forged)).as("answer to a cross-site sign-in post").endsWith("/login?error");
        assertThat(attacker.signedIn()).as("signed in by a cross-site post").isFalse();

        Visitor person = new Visitor(app.baseUri());
        assertThat(Visitor.location(person.signIn("admin", ADMIN_PASSWORD))).doesNotContain("/login");
        assertThat(person.signedIn()).as("signed in through the form with its token").isTrue();
    }

    @Test
    @Order(3)
    void hostileUserNamesGetNoServerErrorNoForgedLogLineAndOnlyBoundedAuditEntries() {
        Visitor attacker = new Visitor(app.baseUri());
        long errorsBefore = serverErrors();
        for (int size : List.of(349_000, 500_000, 3_000_000)) { // the probe's names, and one past Tomcat's own limit
            HttpResponse<String> answer = attacker.signIn("a".repeat(size), "x");
            assertThat(answer.statusCode()).as("status for a %s-character user name", size).isEqualTo(413);
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at com.");
        }
        assertThat(serverErrors()).as("exceptions logged for oversized sign-in forms").isEqualTo(errorsBefore);
        String long60k = "a".repeat(60_000); // within the form limit: it reaches the sign-in, which refuses the name
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = attacker.signIn(long60k, "x");
            assertThat(answer.statusCode()).as("status of hostile sign-in %s", i).isEqualTo(302);
            assertThat(Visitor.location(answer)).endsWith("/login?error");
        }
        assertThat(attacker.signIn("bob\r\n" + FORGED_LINE, "x").statusCode()).isEqualTo(302);

        assertThat(app.output().lines().filter(line -> line.startsWith("2031-01-01T00:00:00.000Z")).toList())
                .as("lines of the console log that a user name started").isEmpty();

        signIn(browser, app, "admin", ADMIN_PASSWORD);
        List<AuditRow> failures = openAuditLog(browser, app, "sign-in").stream()
                .filter(row -> row.outcome().equals("failure")).toList();
        assertThat(failures.subList(0, 11)).as("the last eleven failed sign-ins")
                .allSatisfy(row -> {
                    assertThat(row.who()).isEqualTo("(invalid user name)");
                    assertThat(row.comment()).hasSizeLessThan(200).doesNotContain("aaaa").doesNotContain("FORGED");
                });
    }

    @Test
    @Order(4)
    void actuatorScrapesAreAuditedOnceNotAsSignIns() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(app.url("/actuator/prometheus")))
                    .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
        }
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        assertThat(openAuditLog(browser, app, "actuator.access")).as("audit entries of 5 scrapes")
                .singleElement().extracting(AuditRow::outcome).isEqualTo("success");
    }

    @Test
    @Order(5)
    void passwordGuessingIsCutOffByALockThatTheSignInPageExplainsAndAnAdminLifts() {
        Visitor guesser = new Visitor(app.baseUri());
        // Wrong passwords as fast as the server answers, for 10 s: long enough for the 2 free failures, the waits of
        // 1 s and 2 s, and the fourth failure that locks.
        int attempts = 0;
        for (Instant end = Instant.now().plusSeconds(10); Instant.now().isBefore(end); attempts++) {
            assertThat(Visitor.location(guesser.signIn(VIEWER, "guess-" + attempts))).endsWith("/login?error");
        }
        assertThat(Visitor.location(guesser.signIn(VIEWER, VIEWER_PASSWORD))).as("the right password while locked")
                .endsWith("/login?error");

        browser.open(app.url("/login"));
        submitSignIn(browser, VIEWER, VIEWER_PASSWORD);
        browser.waitFor("the sign-in page to explain the lock", driver -> signInError(browser).contains("locked until"));
        assertThat(signInError(browser)).contains("ask an administrator to lift the lock");

        signIn(browser, app, "admin", ADMIN_PASSWORD);
        List<AuditRow> checked = openAuditLog(browser, app, "sign-in").stream()
                .filter(row -> row.who().equals(VIEWER)).toList();
        assertThat(checked).as("passwords of %s actually checked out of %s attempts", VIEWER, attempts + 2).hasSize(4);
        assertThat(openAuditLog(browser, app, "sign-in.lock")).singleElement()
                .satisfies(lock -> assertThat(lock.target()).isEqualTo("account:" + VIEWER));

        browser.open(app.url("/admin/system"));
        browser.waitFor("the Lift button of " + VIEWER, driver -> !driver.findElements(By.id("lift-account_vera"))
                .isEmpty());
        // Below the fold of the layout's own scroller, where Selenium does not scroll to: clicked by script.
        browser.js("arguments[0].click();", browser.driver().findElement(By.id("lift-account_vera")));
        browser.waitFor("the System page to list no lock", driver -> driver.findElement(By.id("sign-in-locks"))
                .getText().contains("No user name or address is waiting or locked."));
        assertThat(openAuditLog(browser, app, "sign-in.unlock")).singleElement()
                .satisfies(row -> assertThat(row.who()).isEqualTo("admin"));

        browser.driver().findElement(By.id("sign-out")).click();
        awaitSignInPage(browser, "after signing out"); // its session must be gone before the next form is loaded
        signIn(browser, app, VIEWER, VIEWER_PASSWORD);
        assertThat(text(browser, "signed-in-user")).isEqualTo(VIEWER);
    }

    @Test
    @Order(6)
    void aChunkedModelUploadOverTheLimitIsCutOffAndNoUploadLeavesAFileBehind() throws Exception {
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        browser.open(app.url("/models"));
        browser.waitFor("the Register button", driver -> !driver.findElements(By.id("register-button")).isEmpty());
        waitForVaadin(browser);
        browser.driver().findElement(By.id("register-button")).click();
        String target = browser.waitFor("the upload's target", driver -> browser.js(
                "const u = document.getElementById('model-upload'); return u && u.target ? u.target : null;"));
        URI upload = URI.create(app.url("/")).resolve(target);
        String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
        browser.allowConsoleErrors("Failed to load resource"); // not this page's request, but be fair to Chromium

        long sent = postChunked(upload, session, 70L * 1024 * 1024, Long.MAX_VALUE);
        browser.waitFor("the dialog to refuse the upload", driver -> text(browser, "register-error")
                .contains("larger than 64 MB"));
        assertThat(text(browser, "uploaded-file")).doesNotContain("Received");
        assertThat(temporaryFiles()).as("files under <dataDir>/tmp after a refused 70 MB upload (%s bytes sent)", sent)
                .isEmpty();

        postChunked(upload, session, 30L * 1024 * 1024, 8L * 1024 * 1024); // the browser gives up after 8 MB
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(temporaryFiles()).as("files under <dataDir>/tmp after a cancelled upload").isEmpty());
    }

    @Test
    @Order(7)
    void childProcessesCannotReadTheAdminPasswordInTheirEnvironment() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> app.descendants().stream()
                .anyMatch(child -> commandLine(child).contains("com.poseops.inference.server.Main")));
        List<ProcessHandle> children = app.descendants();
        assertThat(children).as("DynamoDB Local and the local endpoint").hasSizeGreaterThanOrEqualTo(2);
        for (ProcessHandle child : children) {
            String environment = Files.readString(Path.of("/proc", Long.toString(child.pid()), "environ"),
                    StandardCharsets.ISO_8859_1);
            assertThat(environment).as("environment of %s", commandLine(child))
                    .doesNotContain("POSEOPS_ADMIN_PASSWORD").doesNotContain(ADMIN_PASSWORD)
                    .contains("PATH=");
        }
        String consoleEnvironment = Files.readString(Path.of("/proc", Long.toString(app.pid()), "environ"),
                StandardCharsets.ISO_8859_1);
        assertThat(consoleEnvironment).as("the console's own (the secret is there to leak)")
                .contains("POSEOPS_ADMIN_PASSWORD");
    }

    @Test
    @Order(8)
    void theDatabaseKilledWithSigkillIsBackAndSignInWorksWithinAMinute() {
        browser.open(app.url("/login"));
        browser.waitFor("the sign-in page", driver -> !driver.findElements(By.tagName("vaadin-login-form")).isEmpty());
        waitForVaadin(browser);
        ProcessHandle database = app.descendants().stream()
                .filter(child -> commandLine(child).contains(DynamoDbLocalLauncher.class.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no DynamoDB Local child"));

        Instant killed = Instant.now();
        database.destroyForcibly();

        browser.waitFor("the sign-in page to say the database is restarting", driver -> {
            var banner = driver.findElements(By.id("system-status"));
            return !banner.isEmpty() && banner.getFirst().isDisplayed()
                    && banner.getFirst().getText().contains("The database is restarting");
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                new Visitor(app.baseUri()).get("/actuator/health").body().contains("\"status\":\"UP\""));
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        Duration healed = Duration.between(killed, Instant.now());
        assertThat(healed).as("from kill -9 to a successful sign-in").isLessThan(Duration.ofSeconds(60));
        assertThat(text(browser, "installation")).contains("Signed in as admin");
    }

    // ---- helpers ----

    /**
     * Posts {@code length} bytes to an upload URL with chunked encoding (no Content-Length, as a script can), breaking
     * the connection off after {@code abortAfter} bytes; returns how many bytes the server took.
     */
    private static long postChunked(URI upload, String session, long length, long abortAfter) {
        long[] sent = {0};
        InputStream body = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (sent[0] >= abortAfter) {
                    throw new IOException("the sender gave up");
                }
                if (sent[0] >= length) {
                    return -1;
                }
                int n = (int) Math.min(count, length - sent[0]);
                sent[0] += n;
                return n;
            }
        };
        HttpRequest request = HttpRequest.newBuilder(upload).timeout(Duration.ofSeconds(120))
                .header("Cookie", "JSESSIONID=" + session)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        try {
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the server stops reading at the limit and may close the connection: that is the point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent[0];
    }

    /** Requests that ended in an exception, as the servlet container logs them. */
    private static long serverErrors() {
        return app.output().lines().filter(line -> line.contains("threw exception")).count();
    }

    private static List<Path> temporaryFiles() throws IOException {
        Path tmp = app.dataDirectory().resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse(process.info().command().orElse("?"));
    }
}
