package com.poseops.training.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.inference.training.LabelledSets;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi;
import com.poseops.testsupport.PackagedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The first training of a fresh local install, in Chromium against the packaged jar, as a DEPLOYER does it: the
 * Models page has no evaluation set and says how to get one; a labelled zip uploaded there becomes it; a registered
 * version is evaluated with PCK, ECE and Brier; datasets uploaded on the Datasets page feed a job started from the
 * browser; its curves grow live on its page; it completes and its version appears on the Models page as Pending with
 * its metrics and a link back to the job. The zips are built at run time from ../shared.
 */
class TrainingE2ETest {

    static final String DEPLOYER = "dora";
    static final String DEPLOYER_PASSWORD = "e2e-deployer-Pw-7";

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("e2e-admin-Pw-8").withConfig(config());

    @RegisterExtension
    final Browser browser = new Browser();

    @TempDir
    Path temp;

    /** A served model and a DEPLOYER; no Evaluation section: a fresh install. */
    static String config() {
        return """
                PoseOps:
                  modelPath: "%s"
                Security:
                  users:
                    - username: %s
                      passwordHash: "{bcrypt}%s"
                      roles: [DEPLOYER]
                """.formatted(TestData.lightningInt8Model().toAbsolutePath().normalize(), DEPLOYER,
                new BCryptPasswordEncoder().encode(DEPLOYER_PASSWORD));
    }

    @Test
    void aJobStartedInTheBrowserShowsGrowingCurvesCompletesAndItsVersionAppearsPendingWithItsMetrics() throws Exception {
        Path holdout = Files.write(temp.resolve("holdout.zip"), LabelledSets.zip(LabelledSets.IMAGE2));
        Path train = Files.write(temp.resolve("train.zip"), LabelledSets.zip(LabelledSets.IMAGE1, LabelledSets.SQUAT));
        TrainingPages pages = new TrainingPages(browser, app);
        signIn(browser, app, DEPLOYER, DEPLOYER_PASSWORD);

        // A fresh install: no evaluation set, and the page says exactly how to get one.
        ModelsPage models = new ModelsPage(browser, app).open();
        assertThat(models.text("evaluation-set-missing")).isEqualTo("No evaluation set yet, so versions get no metrics.");
        assertThat(models.text("evaluation-set-how")).contains("Upload a labelled set")
                .contains("Evaluation.imagesDir").contains("config.yml");
        browser.driver().findElement(By.id("upload-evaluation-set")).click();
        pages.uploadThroughDialog(holdout, "holdout");
        String evaluationSet = browser.waitFor("the evaluation set", driver -> driver.findElements(
                By.id("evaluation-set-label")).isEmpty() ? null : ConsoleUi.text(browser, "evaluation-set-label"));
        assertThat(evaluationSet).isEqualTo("Evaluated on: dataset holdout (1 labelled images)");
        models.register(TestData.lightningInt8Model(), "Lightning int8 from TF Hub");
        assertThat(models.awaitEvaluation()).startsWith("Evaluated on 1 images of dataset holdout");

        pages.uploadDataset(train, "train");
        String job = pages.startJob("calibrate the keypoint scores", "train", "holdout", "Version 1",
                Map.of("epochs", "30", "augmentations", "6", "validation_augmentations", "4", "patience", "30"));

        // The curve grows while the job runs: the chart's data-series, read until the job ends, holds more and more
        // points (pushed to the page epoch by epoch, not drawn once at the end).
        java.util.SortedSet<Integer> seen = new java.util.TreeSet<>();
        String end = browser.waitFor("the job to end while its curve grows", TrainingPages.JOB_TIMEOUT, driver -> {
            seen.add(pages.points("curve-loss", TrainerMetrics.VALIDATION_LOSS));
            String status = pages.status();
            return List.of("Completed", "Failed", "Stopped").contains(status) ? status : null;
        });
        assertThat(end).isEqualTo("Completed");
        assertThat(pages.points("curve-loss", TrainerMetrics.VALIDATION_LOSS)).as("epochs 0..30").isEqualTo(31);
        assertThat(seen.headSet(31)).as("point counts seen before the last epoch: %s", seen).hasSizeGreaterThanOrEqualTo(3)
                .anySatisfy(count -> assertThat(count).isBetween(2, 30));
        assertThat(ConsoleUi.text(browser, "job-what")).contains("Fits the keypoint-confidence calibration of version 1")
                .contains("train (2 labelled images)").contains("holdout (1 labelled images)");
        WebElement version = browser.waitFor("the produced version", Duration.ofSeconds(120),
                driver -> driver.findElement(By.id("job-version-link")));
        assertThat(version.getText()).isEqualTo("Version 2");

        // The version's own page on the Models page. The panel is drawn again as the version's evaluation progresses,
        // so the link is found and clicked in one go (again if it was replaced in between).
        // A notification may cover it for a moment at the bottom of the window: it is scrolled to the middle first.
        browser.waitFor("a click on the version's link", driver -> {
            WebElement link = driver.findElement(By.id("job-version-link"));
            browser.js("arguments[0].scrollIntoView({block: 'center'});", link);
            try {
                link.click();
                return true;
            } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
                return null;
            }
        });
        browser.waitFor("/models/2 from the job's link", driver -> browser.currentPath().equals("/models/2")
                && models.text("detail-title").equals("Version 2"));
        List<String> row = browser.waitFor("version 2 with its metrics", Duration.ofSeconds(180), driver -> {
            List<String> cells = models.firstRowWithMetrics();
            return cells.getFirst().equals("v2") ? cells : null;
        });
        assertThat(row.get(3)).isEqualTo("Pending");
        assertThat(Double.parseDouble(row.get(6))).as("PCK@0.05 in %s", row).isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(row.get(7))).as("ECE in %s", row).isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(row.get(8))).as("Brier in %s", row).isBetween(0.0, 1.0);
        models.select(2);
        WebElement lineage = browser.waitFor("the link back to the job",
                driver -> driver.findElement(By.id("version-source-job")));
        assertThat(lineage.getText()).isEqualTo(job);
        assertThat(lineage.getAttribute("href")).endsWith("/training/" + job);
        Files.createDirectories(Path.of("target", "e2e-screenshots"));
        Files.write(Path.of("target", "e2e-screenshots", "models-page-trained-version.png"), browser.screenshot());
        lineage.click();
        browser.waitFor("the job's page again", driver -> browser.currentPath().equals("/training/" + job));
    }
}
