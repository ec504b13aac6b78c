package com.poseops.pose.ui;

import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi;
import com.poseops.testsupport.PackagedApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What the Pose page end-to-end test and the benchmark do in a real browser. */
public final class PoseUi {

    /** One drawn keypoint as {@code data-keypoints} lists it. */
    record Drawn(String name, double x, double y, double score) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PoseUi() {
    }

    /** Opens /pose and waits until the endpoint status says it serves. */
    public static void openPoseAndAwaitServing(Browser browser, PackagedApp app) {
        browser.open(app.url("/pose"));
        awaitServing(browser);
        ConsoleUi.waitForVaadin(browser);
    }

    static void awaitServing(Browser browser) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                browser.waitFor("the endpoint status to say it serves", driver -> "InService".equals(
                        driver.findElement(By.id("endpoint-status")).getAttribute("data-state")));
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(notYet.getMessage() + "; status: " + statusText(browser), notYet);
                }
            }
        }
    }

    /** The endpoint's sentence as the page shows it: beside the badge, as the step under way, or as the problem. */
    static String statusText(Browser browser) {
        for (String id : List.of("endpoint-detail", "endpoint-starting", "model-problem")) {
            List<WebElement> shown = browser.driver().findElements(By.id(id));
            if (!shown.isEmpty() && shown.getFirst().isDisplayed() && !shown.getFirst().getText().isBlank()) {
                return shown.getFirst().getText().strip();
            }
        }
        return "(no status sentence)";
    }

    static String state(Browser browser) {
        List<WebElement> status = browser.driver().findElements(By.id("endpoint-status"));
        return status.isEmpty() ? "" : String.valueOf(status.getFirst().getAttribute("data-state"));
    }

    /** Hands a file to the upload's file input (the same path as choosing it in the file dialog). */
    public static void upload(Browser browser, Path file) {
        ConsoleUi.chooseFile(browser, "pose-upload", file);
    }

    /** Drops a file on the upload area, as dragging it from the desktop does (a drop event with a DataTransfer). */
    static void drop(Browser browser, Path file, String type) {
        String base64;
        try {
            base64 = Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        browser.js("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], arguments[1], {type: arguments[2]}));
                const upload = document.getElementById('pose-upload');
                upload.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                upload.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));
                """, base64, file.getFileName().toString(), type);
    }

    public static String uploadId(Browser browser) {
        String id = browser.js("const o = document.getElementById('pose-overlay'); "
                + "return o ? o.getAttribute('data-upload-id') : null;");
        return id == null ? "" : id;
    }

    /** Waits until the overlay shows a prediction other than {@code previousUploadId}, with its image loaded. */
    public static void awaitNewOverlay(Browser browser, String previousUploadId) {
        browser.waitFor("the overlay to show the new prediction with its image loaded", driver -> Boolean.TRUE.equals(
                browser.js("""
                        const o = document.getElementById('pose-overlay');
                        if (!o || !o.getAttribute('data-upload-id') || o.getAttribute('data-upload-id') === arguments[0]) {
                            return false;
                        }
                        const img = o.shadowRoot && o.shadowRoot.querySelector('img');
                        return !!(img && img.complete && img.naturalWidth > 0 && o.hasAttribute('data-keypoints')
                            && o.shadowRoot.querySelector('svg'));
                        """, previousUploadId)));
    }

    static List<Drawn> drawnKeypoints(Browser browser) {
        String json = browser.js("return document.getElementById('pose-overlay').getAttribute('data-keypoints');");
        return JSON.readValue(json, new TypeReference<List<Drawn>>() { });
    }

    /** Moves the threshold slider as a person would drag it (an input event on the range input). */
    static void moveThreshold(Browser browser, double value) {
        browser.js("""
                const input = document.getElementById('pose-overlay').shadowRoot.querySelector('input[type=range]');
                input.value = String(arguments[0]);
                input.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
                """, value);
    }

    /** Fetches the download link's target in the page (with the page's session) and returns the bytes. */
    static byte[] download(Browser browser, String anchorId) {
        Object base64 = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const href = document.getElementById(arguments[0]).getAttribute('href');
                fetch(href, {credentials: 'same-origin'})
                    .then(response => response.ok ? response.arrayBuffer() : Promise.reject('HTTP ' + response.status))
                    .then(buffer => {
                        let binary = '';
                        const bytes = new Uint8Array(buffer);
                        for (let i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
                        done(btoa(binary));
                    })
                    .catch(error => done('ERROR ' + error));
                """, anchorId);
        if (!(base64 instanceof String text) || text.startsWith("ERROR")) {
            throw new AssertionError("download of #" + anchorId + " failed: " + base64);
        }
        return Base64.getDecoder().decode(text);
    }
}
