package com.poseops.pose.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.pose.ui.PoseUi.Drawn;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.PackagedApp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The Pose page end to end: the packaged console (local mode) with its local endpoint — a real inference-server child
 * process serving the shared Lightning int8 model — in headless Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoseE2ETest {

    private static final String ADMIN_PASSWORD = "e2e-pose-Pw-1";
    private static final double TOLERANCE_PX = 21;

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword(ADMIN_PASSWORD)
            .withEnvironment("POSEOPS_MODEL_PATH", TestData.lightningInt8Model().toAbsolutePath().toString());

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    @Order(1)
    void uploadShowsTheKeypointsTheSliderHidesLowScoresAndThePngDownloads() throws Exception {
        Path image2 = TestData.tensorflowExamples("image2.jpeg");
        BufferedImage original = ImageIO.read(image2.toFile());
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        PoseUi.openPoseAndAwaitServing(browser, app);
        assertThat(browser.driver().findElement(By.id("upload-hint")).getText()).contains("6 MB");

        PoseUi.upload(browser, image2);
        PoseUi.awaitNewOverlay(browser, "");
        waitForVaadin(browser);

        List<Drawn> atDefault = PoseUi.drawnKeypoints(browser);
        assertThat(atDefault).as("drawn at the default threshold 0.3").isNotEmpty()
                .allSatisfy(k -> assertThat(k.score()).isGreaterThanOrEqualTo(0.3));

        PoseUi.moveThreshold(browser, 0);
        List<Drawn> all = browser.waitFor("all 17 keypoints drawn at threshold 0",
                driver -> PoseUi.drawnKeypoints(browser).size() == 17 ? PoseUi.drawnKeypoints(browser) : null);
        double[][] truth = TestData.truth().get(1); // image2
        for (int i = 0; i < 17; i++) {
            Drawn k = all.get(i);
            double distance = Math.max(Math.abs(k.x() - truth[i][0]), Math.abs(k.y() - truth[i][1]));
            assertThat(distance).as("L-inf distance of drawn %s (%.1f, %.1f) to the reference (%.0f, %.0f)", k.name(),
                    k.x(), k.y(), truth[i][0], truth[i][1]).isLessThanOrEqualTo(TOLERANCE_PX);
        }
        assertThat(atDefault).as("the default threshold draws exactly the points scoring ≥ 0.3")
                .containsExactlyElementsOf(all.stream().filter(k -> k.score() >= 0.3).toList());

        assertAligned("at 1400×1000");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(700, 900));
        browser.waitFor("the overlay to shrink with the window", driver -> Boolean.TRUE.equals(browser.js(
                "return document.getElementById('pose-overlay').shadowRoot.querySelector('img')"
                        + ".getBoundingClientRect().width < 500")));
        assertAligned("at 700×900");

        PoseUi.moveThreshold(browser, 0.9);
        List<Drawn> high = browser.waitFor("the slider at 0.9 to hide the low-score points", driver -> {
            List<Drawn> drawn = PoseUi.drawnKeypoints(browser);
            return drawn.size() < 17 ? drawn : null;
        });
        assertThat(high).as("drawn at 0.9").containsExactlyElementsOf(
                all.stream().filter(k -> k.score() >= 0.9).toList());
        assertThat(all).as("image2 has points scoring below 0.9, else the check above shows nothing")
                .anySatisfy(k -> assertThat(k.score()).isLessThan(0.9));
        waitForVaadin(browser);

        byte[] png = PoseUi.download(browser, "pose-download");
        assertThat(png).as("downloaded file").startsWith(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
        BufferedImage annotated = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(annotated.getWidth()).as("PNG width").isEqualTo(original.getWidth());
        assertThat(annotated.getHeight()).as("PNG height").isEqualTo(original.getHeight());

        browser.waitFor("the upload in the history with its thumbnail", driver -> Boolean.TRUE.equals(browser.js("""
                const grid = document.getElementById('pose-history');
                if (!grid || !grid.textContent.includes('image2.jpeg')) { return false; }
                return [...grid.querySelectorAll('img')].some(img => img.complete && img.naturalWidth > 1);
                """)));

        assertThat(browser.driver().findElement(By.id("pose-endpoint")).getText())
                .isEqualTo("Endpoint: hp-prediction-endpoint · variant blue");
        assertThat(browser.driver().findElement(By.id("pose-model")).getText())
                .contains("movenet_singlepose_lightning_int8_4");
    }

    @Test
    @Order(2)
    void killingTheEndpointProcessShowsOnThePageAndItComesBackByItself() throws Exception {
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        PoseUi.openPoseAndAwaitServing(browser, app);
        List<ProcessHandle> endpoints = app.descendants().stream()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(arg -> arg.contains("com.poseops.inference.server.Main")))
                .toList();
        assertThat(endpoints).as("inference-server processes of the console").hasSize(1);

        endpoints.getFirst().destroyForcibly(); // kill -9
        browser.waitFor("the page to say the endpoint is down (pushed, no reload)",
                driver -> !"InService".equals(PoseUi.state(browser)));
        assertThat(PoseUi.statusText(browser)).contains("OutOfService").contains("started again");

        PoseUi.awaitServing(browser);
        assertThat(PoseUi.statusText(browser)).startsWith("Endpoint hp-prediction-endpoint is InService");
        String before = PoseUi.uploadId(browser);
        PoseUi.drop(browser, TestData.tensorflowExamples("image1.png"), "image/png"); // drag-and-drop, a PNG
        PoseUi.awaitNewOverlay(browser, before);
        assertThat(PoseUi.drawnKeypoints(browser)).as("keypoints of the dropped PNG").isNotEmpty();
        assertThat(browser.driver().findElement(By.id("pose-source")).getText()).endsWith("image1.png");
    }

    @Test
    @Order(3)
    void onA1440x900ScreenTheSliderIsInViewTheTableMarksWhatItHidesAndATextFileIsRefusedInPlainWords()
            throws Exception {
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        PoseUi.openPoseAndAwaitServing(browser, app);
        String before = PoseUi.uploadId(browser);
        PoseUi.upload(browser, TestData.tensorflowExamples("image2.jpeg"));
        PoseUi.awaitNewOverlay(browser, before);
        waitForVaadin(browser);

        java.util.Map<String, Number> slider = browser.js("""
                const r = document.getElementById('pose-overlay').shadowRoot
                    .querySelector('input[type=range]').getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, viewport: window.innerHeight};
                """);
        assertThat(slider.get("top").doubleValue()).as("slider on screen without scrolling: %s", slider)
                .isGreaterThanOrEqualTo(0);
        assertThat(slider.get("bottom").doubleValue()).as("slider on screen without scrolling: %s", slider)
                .isLessThanOrEqualTo(slider.get("viewport").doubleValue());

        PoseUi.moveThreshold(browser, 0.8);
        List<Drawn> drawn = browser.waitFor("the overlay to hide points below 0.8", driver -> {
            List<Drawn> now = PoseUi.drawnKeypoints(browser);
            return now.size() < 17 ? now : null;
        });
        List<String> marks = browser.waitFor("the table to mark the same points", driver -> {
            List<String> badges = browser.js("""
                    return [...document.querySelectorAll('#pose-keypoints vaadin-badge')]
                        .map(badge => badge.textContent.trim());""");
            return badges.stream().filter("drawn"::equals).count() == drawn.size() ? badges : null;
        });
        assertThat(marks.stream().filter("below threshold"::equals).count()).as("rows marked below the threshold")
                .isEqualTo(17 - drawn.size());

        java.nio.file.Path notAPhoto = java.nio.file.Files.createTempFile("notes-", ".jpg");
        java.nio.file.Files.writeString(notAPhoto, "shopping list: milk, eggs");
        try {
            PoseUi.upload(browser, notAPhoto);
            String error = browser.waitFor("the refusal of a text file named .jpg", driver -> {
                String text = driver.findElement(By.id("pose-error")).getText();
                return text.isBlank() ? null : text;
            });
            assertThat(error).contains(notAPhoto.getFileName().toString()).contains("whatever its name says")
                    .contains("Choose a photo saved as JPEG or PNG")
                    .doesNotContain("raw bytes").doesNotContain("body").doesNotContain("request");
        } finally {
            java.nio.file.Files.deleteIfExists(notAPhoto);
        }
    }

    /** Every drawn dot sits where its keypoint falls on the image as displayed now (within 1.5 px). */
    private void assertAligned(String when) {
        java.util.List<java.util.List<Number>> offsets = browser.js("""
                const overlay = document.getElementById('pose-overlay');
                const img = overlay.shadowRoot.querySelector('img').getBoundingClientRect();
                const width = overlay.imageWidth, height = overlay.imageHeight;
                return [...overlay.shadowRoot.querySelectorAll('circle.keypoint')].map(circle => {
                    const dot = circle.getBoundingClientRect();
                    const expectedX = img.left + Number(circle.getAttribute('cx')) / width * img.width;
                    const expectedY = img.top + Number(circle.getAttribute('cy')) / height * img.height;
                    return [dot.left + dot.width / 2 - expectedX, dot.top + dot.height / 2 - expectedY];
                });
                """);
        assertThat(offsets).as("drawn dots " + when).isNotEmpty();
        for (java.util.List<Number> offset : offsets) {
            assertThat(Math.abs(offset.get(0).doubleValue())).as("x offset of a dot %s", when).isLessThan(1.5);
            assertThat(Math.abs(offset.get(1).doubleValue())).as("y offset of a dot %s", when).isLessThan(1.5);
        }
    }

}
