package com.poseops.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A fresh headless Chromium per test (its own profile: no cookies, no localStorage from an earlier test), driven
 * by Selenium through the system's ChromeDriver.
 *
 * <pre>{@code
 * @RegisterExtension
 * final Browser browser = new Browser();
 * }</pre>
 *
 * <p>A test fails when a page logged an error to the browser console (see {@link #consoleErrors()}).
 *
 * <p>A failing test leaves a screenshot and the page's HTML in {@code target/e2e-screenshots/}. Chromium and
 * ChromeDriver are {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (override with
 * {@code -Dposeops.chromium=…} / {@code -Dposeops.chromedriver=…}); when they are missing the test fails, it is not
 * skipped.
 */
public final class Browser implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

    private ChromeDriver driver;
    private Path profile;
    private final List<Pattern> allowedConsoleErrors = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        // A screenshot left by an earlier failing run of this test would mislead.
        Files.deleteIfExists(SCREENSHOTS.resolve(baseName(context) + ".png"));
        Files.deleteIfExists(SCREENSHOTS.resolve(baseName(context) + ".html"));
        start();
    }

    /** Starts Chromium outside a test's life cycle (a benchmark with several browsers at once); end with quit(). */
    public void start() throws Exception {
        Path chromium = executable("poseops.chromium", "/usr/bin/chromium", "Chromium");
        Path chromedriver = executable("poseops.chromedriver", "/usr/bin/chromedriver", "ChromeDriver");
        // Selenium's DevTools lookup warns about every Chromium newer than it knows; the tests do not use CDP.
        Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);

        profile = Files.createTempDirectory("poseops-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // The page's console (errors, failed fetches, CSP violations) is read after each test: one there fails it.
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .withAppendLog(true)
                .build();
        allowedConsoleErrors.clear();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(TIMEOUT).scriptTimeout(TIMEOUT);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (driver == null) {
            return;
        }
        if (context.getExecutionException().isEmpty()) {
            List<String> errors = consoleErrors();
            if (!errors.isEmpty()) {
                throw new AssertionError("The browser console reported " + errors.size() + " error(s) or Content "
                        + "Security Policy violation(s) during the test (a page that works logs none; a test that "
                        + "provokes one on purpose declares it with Browser.allowConsoleError(s)):\n  "
                        + String.join("\n  ", errors));
            }
            return;
        }
        String base = baseName(context);
        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve(base + ".png").toAbsolutePath();
        Path html = SCREENSHOTS.resolve(base + ".html").toAbsolutePath();
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(html, "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource());
            context.getExecutionException().get().addSuppressed(new BrowserState(
                    "Browser was at " + driver.getCurrentUrl() + "; screenshot " + png + ", page " + html));
        } catch (RuntimeException e) {
            context.getExecutionException().get().addSuppressed(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        quit();
    }

    /** Ends Chromium and removes its profile. */
    public void quit() throws Exception {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            deleteProfile();
        }
    }

    /**
     * The console's errors (SEVERE entries: {@code console.error}, uncaught exceptions, failed fetches) and
     * Content-Security-Policy violations since the last call (reading empties Chromium's buffer), minus the ones
     * allowed for this test. Checked after every test; call it to check earlier.
     */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver().manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            boolean csp = message.contains("Content Security Policy") || message.contains("Content-Security-Policy");
            boolean severe = entry.getLevel().intValue() >= Level.SEVERE.intValue();
            // Chromium asks every site for /favicon.ico by itself unless the page names one (not a page's error).
            boolean favicon = message.contains("/favicon.ico ");
            boolean allowed = allowedConsoleErrors.stream().anyMatch(pattern -> pattern.matcher(message).find());
            if (csp || severe && !favicon && !allowed) {
                errors.add(entry.getLevel() + " " + message);
            }
        }
        return errors;
    }

    /**
     * Declares a console error the test provokes on purpose (e.g. the browser logs a refused upload's 413 as a
     * failed resource load), so that it does not fail the test. CSP violations are never allowed.
     *
     * @param regex found in the message
     */
    public void allowConsoleError(String regex) {
        allowedConsoleErrors.add(Pattern.compile(regex));
    }

    /** Like {@link #allowConsoleError} with plain text: an error whose message contains one of these. */
    public void allowConsoleErrors(String... fragments) {
        for (String fragment : fragments) {
            allowedConsoleErrors.add(Pattern.compile(Pattern.quote(fragment)));
        }
    }

    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("The browser runs only during a test (register Browser as an instance "
                    + "@RegisterExtension field)");
        }
        return driver;
    }

    public void open(String url) {
        driver().get(url);
    }

    public String currentPath() {
        return URIs.path(driver().getCurrentUrl());
    }

    /** Runs {@code script} in the page and returns its result (see {@link JavascriptExecutor#executeScript}). */
    @SuppressWarnings("unchecked")
    public <T> T js(String script, Object... arguments) {
        return (T) ((JavascriptExecutor) driver()).executeScript(script, arguments);
    }

    /** Waits up to {@link #TIMEOUT} for {@code condition} to give a non-null, non-false value; fails with {@code what}. */
    public <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return waitFor(what, TIMEOUT, condition);
    }

    /** As {@link #waitFor(String, Function)} for work that takes longer (a training job, an evaluation). */
    public <T> T waitFor(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            // The page may re-render (Vaadin, a sign-in redirect) between finding an element and reading it.
            return new WebDriverWait(driver(), timeout, Duration.ofMillis(100))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.DetachedShadowRootException.class)
                    .until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + " (browser at " + driver().getCurrentUrl() + ")", e);
        }
    }

    /** The PNG of the visible page. */
    public byte[] screenshot() {
        return ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
    }

    private static String baseName(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    }

    private static Path executable(String property, String fallback, String what) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new AssertionError(what + " is missing: " + path + " is not an executable file. Install it with "
                    + "'apt-get install -y chromium chromium-driver' (bash .ci/run does this on a fresh machine) or "
                    + "point -D" + property + " at one.");
        }
        return path;
    }

    private void deleteProfile() throws IOException {
        if (profile == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(profile)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path path : all) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Chromium may still be writing into its profile while it exits; the temp dir is disposable.
                }
            }
        }
        profile = null;
    }

    /** Carries where the browser was into a failing test's report. */
    private static final class BrowserState extends RuntimeException {
        BrowserState(String message) {
            super(message, null, false, false);
        }
    }

    /** Tiny URL helper, kept here so that tests need no extra dependency. */
    static final class URIs {
        static String path(String url) {
            String path = java.net.URI.create(url).getPath();
            return path == null || path.isEmpty() ? "/" : path;
        }
    }
}
