package com.poseops.registry.ui;

import static com.poseops.testsupport.ConsoleUi.awaitSignInPage;
import static com.poseops.testsupport.ConsoleUi.openAuditLog;
import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.ConsoleUi.AuditRow;
import com.poseops.testsupport.PackagedApp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The Models page end to end: the packaged jar (local mode), headless Chromium. A DEPLOYER registers the Lightning
 * int8 model through the upload's file input and waits for its evaluation metrics; an APPROVER accepts it with a
 * comment; the audit log shows the decision.
 */
class ModelsE2ETest {

    static final String DEPLOYER = "dora";
    static final String DEPLOYER_PASSWORD = "e2e-deployer-Pw-3";
    static final String APPROVER = "alice";
    static final String APPROVER_PASSWORD = "e2e-approver-Pw-4";
    static final String COMMENT = "PCK 1.0 on the evaluation set, ship it";

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("e2e-admin-Pw-5").withConfig(config(true));

    @RegisterExtension
    final Browser browser = new Browser();

    /** Two users, the evaluation set of ../shared and (local mode) the same model as the serving one. */
    static String config(boolean withServingModel) {
        return """
                PoseOps:
                  modelPath: "%s"
                Evaluation:
                  imagesDir: "%s"
                Security:
                  users:
                    - username: %s
                      passwordHash: "{bcrypt}%s"
                      roles: [DEPLOYER]
                    - username: %s
                      passwordHash: "{bcrypt}%s"
                      roles: [APPROVER]
                """.formatted(withServingModel ? TestData.lightningInt8Model().toAbsolutePath().normalize() : "",
                TestData.sharedDir().resolve("testdata/pose/tensorflow-examples").toAbsolutePath().normalize(),
                DEPLOYER, new BCryptPasswordEncoder().encode(DEPLOYER_PASSWORD),
                APPROVER, new BCryptPasswordEncoder().encode(APPROVER_PASSWORD));
    }

    @Test
    void aDeployerRegistersTheModelAndAnApproverAcceptsItWithAComment() throws Exception {
        signIn(browser, app, DEPLOYER, DEPLOYER_PASSWORD);
        ModelsPage page = new ModelsPage(browser, app).open();
        page.register(TestData.lightningInt8Model(), "Lightning int8 4 from TF Hub");

        browser.waitFor("the new version's detail panel", driver -> page.text("detail-title").equals("Version 1"));
        assertThat(page.awaitEvaluation()).isEqualTo("Evaluated on 2 images.");
        assertThat(page.text("version-metadata")).contains("Status: Pending").contains("by " + DEPLOYER)
                .contains("Max error (px): ").contains("PCK@0.05: ");
        List<String> row = page.firstRowWithMetrics();
        assertThat(row.getFirst()).as("version column of %s", row).isEqualTo("v1");
        assertThat(row).contains(DEPLOYER, "Pending");
        assertThat(Double.parseDouble(row.get(5))).as("max error shown in the grid, row %s", row)
                .isPositive().isLessThanOrEqualTo(24.0);
        // The endpoint serves PoseOps.modelPath, a file with the same bytes as version 1 but not deployed from it: a
        // Pending version must not be labelled as serving and compared with itself (issue 13).
        assertThat(page.text("serving-baseline")).as("what the page compares with").doesNotContain("version 1");
        assertThat(row).as("the version's row").doesNotContain("serving");
        assertThat(page.chartPoints()).as("points in the trend chart").isEqualTo("1");
        // for people reviewing the page: target/e2e-screenshots/models-page-evaluated.png
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "e2e-screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "e2e-screenshots", "models-page-evaluated.png"),
                browser.screenshot());

        browser.driver().findElement(By.id("sign-out")).click();
        awaitSignInPage(browser, "after the deployer signs out");

        signIn(browser, app, APPROVER, APPROVER_PASSWORD);
        page.open();
        assertThat(browser.driver().findElements(By.id("register-button")))
                .as("an APPROVER has no register button").allMatch(element -> !element.isDisplayed());
        page.select(1);
        page.accept(COMMENT);
        assertThat(page.text("version-metadata")).contains("approved by " + APPROVER + ": " + COMMENT);

        List<AuditRow> rows = openAuditLog(browser, app);
        AuditRow approval = rows.stream().filter(r -> r.action().equals("model.approve")).findFirst()
                .orElseThrow(() -> new AssertionError("no model.approve entry in " + rows));
        assertThat(approval.who()).isEqualTo(APPROVER);
        assertThat(approval.target()).isEqualTo("model:hp-prediction-models/1");
        assertThat(approval.outcome()).isEqualTo("success");
        assertThat(approval.comment()).isEqualTo(COMMENT);
        assertThat(rows).anyMatch(r -> r.action().equals("model.register") && r.who().equals(DEPLOYER)
                && r.outcome().equals("success"));
    }
}
