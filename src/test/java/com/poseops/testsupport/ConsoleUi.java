package com.poseops.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What end-to-end tests do with the PoseOps shell in a real browser: sign in and out, read the side navigation and
 * the audit log. Vaadin renders most of it in shadow DOM; the parts read here are in the light DOM (the login form's
 * slotted inputs, side-nav item labels, grid cell contents) or reached through small scripts.
 */
public final class ConsoleUi {

    /** One row of the audit grid, as shown. */
    public record AuditRow(String when, String who, String action, String target, String outcome, String comment) {
    }

    private ConsoleUi() {
    }

    /** Opens the sign-in page, signs in, and waits until the shell (side navigation) is shown. */
    public static void signIn(Browser browser, PackagedApp app, String username, String password) {
        browser.open(app.url("/login"));
        submitSignIn(browser, username, password);
        browser.waitFor("the signed-in shell after signing in as " + username,
                driver -> !browser.currentPath().equals("/login") && !driver.findElements(By.id("main-nav")).isEmpty());
        waitForVaadin(browser);
    }

    /** Fills and submits the sign-in form that is on the page, without waiting for the outcome. */
    public static void submitSignIn(Browser browser, String username, String password) {
        WebElement user = browser.waitFor("the sign-in form's user name field", driver -> driver
                .findElements(By.cssSelector("vaadin-login-form input[name='username']")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        WebElement secret = browser.driver().findElement(By.cssSelector("vaadin-login-form input[name='password']"));
        user.clear();
        user.sendKeys(username);
        secret.clear();
        secret.sendKeys(password);
        browser.driver().findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")).click();
    }

    /**
     * The error box of the sign-in form as shown ("" when hidden). It lives two shadow roots deep:
     * {@code vaadin-login-form} → {@code vaadin-login-form-wrapper} → {@code [part=error-message]}.
     */
    public static String signInError(Browser browser) {
        List<WebElement> forms = browser.driver().findElements(By.tagName("vaadin-login-form"));
        if (forms.isEmpty()) {
            return "";
        }
        WebElement wrapper = forms.getFirst().getShadowRoot().findElement(By.cssSelector("vaadin-login-form-wrapper"));
        WebElement box = wrapper.getShadowRoot().findElement(By.cssSelector("[part~='error-message']"));
        return box.isDisplayed() ? box.getText().trim() : "";
    }

    /** Waits until the browser shows the sign-in page (and nothing of the shell). */
    public static void awaitSignInPage(Browser browser, String why) {
        browser.waitFor("the sign-in page " + why, driver -> browser.currentPath().equals("/login")
                && driver.findElements(By.cssSelector("vaadin-login-form input[name='username']")).stream()
                        .anyMatch(WebElement::isDisplayed)
                && driver.findElements(By.id("main-nav")).isEmpty());
    }

    /** The trimmed text of the element with {@code id}, once it is in the page. */
    public static String text(Browser browser, String id) {
        return browser.waitFor("element #" + id, driver -> driver.findElements(By.id(id)).isEmpty() ? null
                : driver.findElement(By.id(id))).getText().trim();
    }

    /**
     * Hands {@code file} to the file input of the upload with {@code uploadId} (the same path as choosing it in the
     * file dialog). The input is emptied first: choosing the same file again must still be a change (as after a
     * page's own reset).
     */
    public static void chooseFile(Browser browser, String uploadId, Path file) {
        WebElement input = browser.waitFor("the upload's file input", driver -> browser.js("""
                const upload = document.getElementById(arguments[0]);
                if (!upload) { return null; }
                const input = upload.querySelector('input[type=file]')
                    || (upload.shadowRoot && upload.shadowRoot.querySelector('input[type=file]'));
                if (input) { input.value = ''; }
                return input;
                """, uploadId));
        try {
            input.sendKeys(file.toRealPath().toString()); // ChromeDriver wants a canonical path
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Uploads a labelled zip through an open dataset upload dialog (the Datasets page's, or the Models page's
     * "Upload labelled set") under {@code name}, and waits for the dialog to close.
     */
    public static void uploadDatasetThroughDialog(Browser browser, Path zip, String name) {
        chooseFile(browser, "dataset-upload", zip);
        browser.waitFor("the zip to arrive", driver -> text(browser, "uploaded-dataset-file").startsWith("Received"));
        org.openqa.selenium.WebElement field = browser.waitFor("the name field", driver -> driver.findElement(
                org.openqa.selenium.By.cssSelector("#dataset-name input")));
        field.clear();
        field.sendKeys(name);
        browser.driver().findElement(org.openqa.selenium.By.id("confirm-dataset-upload")).click();
        browser.waitFor("the upload dialog to close", java.time.Duration.ofSeconds(120),
                driver -> driver.findElements(org.openqa.selenium.By.id("upload-dataset-dialog")).isEmpty());
    }

    /** Waits until Vaadin has no server round trip in flight. */
    public static void waitForVaadin(Browser browser) {
        browser.waitFor("Vaadin to finish its server round trips", driver -> Boolean.TRUE.equals(browser.js("""
                const flow = window.Vaadin && window.Vaadin.Flow;
                if (!flow || !flow.clients) { return false; }
                return Object.values(flow.clients).every(client => !client.isActive || !client.isActive());
                """)));
    }

    /** The labels of the side navigation, top to bottom. */
    public static List<String> sideNavLabels(Browser browser) {
        return browser.js("""
                return [...document.querySelectorAll('#main-nav vaadin-side-nav-item')]
                    .map(item => item.textContent.trim());
                """);
    }

    /** Opens {@code /audit} and returns the rows the grid shows, newest first. */
    public static List<AuditRow> openAuditLog(Browser browser, PackagedApp app) {
        browser.open(app.url("/audit"));
        browser.waitFor("the audit grid", driver -> !driver.findElements(By.id("audit-grid")).isEmpty());
        waitForVaadin(browser);
        return auditRows(browser);
    }

    /** Opens {@code /audit}, types {@code action} into its Action filter and returns the rows then shown. */
    public static List<AuditRow> openAuditLog(Browser browser, PackagedApp app, String action) {
        browser.open(app.url("/audit"));
        WebElement filter = browser.waitFor("the Action filter", driver -> driver.findElements(
                By.cssSelector("#action-filter input")).stream().findFirst().orElse(null));
        waitForVaadin(browser);
        filter.sendKeys(action);
        filter.sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.waitFor("the grid filtered by action " + action, driver -> {
            waitForVaadin(browser);
            List<AuditRow> rows = auditRowsOrEmpty(browser);
            return rows.stream().allMatch(row -> row.action().contains(action)) ? Boolean.TRUE : null;
        });
        return auditRowsOrEmpty(browser);
    }

    private static List<AuditRow> auditRowsOrEmpty(Browser browser) {
        List<List<String>> rows = browser.js(AUDIT_ROWS_SCRIPT);
        return rows == null ? List.of() : rows.stream().map(ConsoleUi::toRow).toList();
    }

    private static final String AUDIT_ROWS_SCRIPT = """
            const grid = document.getElementById('audit-grid');
            if (!grid || !grid.shadowRoot || grid.hasAttribute('loading')) { return null; }
            return [...grid.shadowRoot.querySelectorAll('#items tr')]
                .filter(row => !row.hidden && row.index !== undefined)
                .sort((a, b) => a.index - b.index)
                .map(row => [...row.querySelectorAll('td')].map(cell => {
                    const slot = cell.querySelector('slot');
                    const content = slot ? slot.assignedElements({flatten: true})[0] : null;
                    return content ? content.textContent.trim() : '';
                }));
            """;

    private static List<AuditRow> auditRows(Browser browser) {
        List<List<String>> cells = browser.waitFor("the audit grid to show its rows", driver -> {
            List<List<String>> rows = browser.js(AUDIT_ROWS_SCRIPT);
            return rows == null || rows.isEmpty() ? null : rows;
        });
        return cells.stream().map(ConsoleUi::toRow).toList();
    }

    private static AuditRow toRow(List<String> cells) {
        if (cells.size() < 6) {
            throw new AssertionError("An audit grid row has " + cells.size() + " cells, expected 6 "
                    + "(When, Who, Action, Target, Outcome, Comment): " + cells);
        }
        return new AuditRow(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4), cells.get(5));
    }

    /** The computed {@code background-color} of {@code <html>} as sRGB 0..255 (converted by a canvas). */
    public static int[] pageBackgroundRgb(Browser browser) {
        List<Number> rgb = browser.js("""
                const css = getComputedStyle(document.documentElement).backgroundColor;
                const context = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
                context.fillStyle = '#00ff00';
                context.fillStyle = css;
                context.fillRect(0, 0, 1, 1);
                const pixel = context.getImageData(0, 0, 1, 1).data;
                return [pixel[0], pixel[1], pixel[2], pixel[3]];
                """);
        return rgb.stream().mapToInt(Number::intValue).toArray();
    }

    /**
     * The WCAG contrast ratio (1 to 21) between the text colour of the element that {@code selector} finds and the
     * background it is drawn on (the first ancestor with an opaque background, else the page). {@code textProperty}
     * is {@code color} for HTML and {@code fill} for SVG text. Colours in any CSS syntax (oklch, light-dark …) are
     * resolved by the browser through a canvas.
     */
    public static double contrast(Browser browser, String selector, String textProperty) {
        List<List<Number>> colours = browser.waitFor("the element " + selector, driver -> browser.js("""
                const element = document.querySelector(arguments[0]);
                if (!element) { return null; }
                const rgb = css => {
                    const context = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
                    context.fillStyle = '#00ff00';
                    context.fillStyle = css;
                    context.fillRect(0, 0, 1, 1);
                    return [...context.getImageData(0, 0, 1, 1).data];
                };
                const text = rgb(getComputedStyle(element)[arguments[1]]);
                let background = null;
                for (let node = element; node && node.nodeType === 1;
                        node = node.parentElement || (node.getRootNode() && node.getRootNode().host)) {
                    const colour = rgb(getComputedStyle(node).backgroundColor);
                    if (colour[3] === 255) { background = colour; break; }
                }
                return [text, background || rgb(getComputedStyle(document.documentElement).backgroundColor)];
                """, selector, textProperty));
        int[] text = colours.get(0).stream().mapToInt(Number::intValue).toArray();
        int[] background = colours.get(1).stream().mapToInt(Number::intValue).toArray();
        double a = luminance(text[0], text[1], text[2]);
        double b = luminance(background[0], background[1], background[2]);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    /** Whether every icon of the side navigation has drawn its SVG (an icon set name, not a failed URL fetch). */
    public static boolean sideNavIconsDrawn(Browser browser) {
        return Boolean.TRUE.equals(browser.js("""
                const items = [...document.querySelectorAll('#main-nav vaadin-side-nav-item')];
                const icons = items.map(item => item.querySelector('vaadin-icon'));
                return items.length > 0 && icons.every(icon => {
                    const svg = icon && icon.shadowRoot && icon.shadowRoot.querySelector('svg');
                    return svg && svg.querySelector('path, g, use, polygon, circle') !== null
                        && icon.getBoundingClientRect().width > 0;
                });
                """));
    }

    /** Relative luminance (0 black … 1 white) of an sRGB colour, WCAG formula. */
    public static double luminance(int red, int green, int blue) {
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Mean relative luminance of a PNG screenshot (every 8th pixel each way): what a person sees at a glance. */
    public static double meanLuminance(byte[] png) {
        try {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            double sum = 0;
            long count = 0;
            for (int y = 0; y < image.getHeight(); y += 8) {
                for (int x = 0; x < image.getWidth(); x += 8) {
                    int argb = image.getRGB(x, y);
                    sum += luminance((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
                    count++;
                }
            }
            return sum / count;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
