package com.poseops.platform.notifications.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.platform.notifications.WebhookReceiver;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.PackagedApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Notifications end to end in local mode: the packaged console with {@code POSEOPS_WEBHOOK_URL} pointing at a webhook
 * on this machine, and two people with the console open in two Chromium sessions. An approver registers and approves a
 * version in one; the other page's bell counts both notifications as they happen (server push, no reload) and lists the
 * decision with the comment and the metrics beside the serving version's; the webhook receives both as JSON.
 */
class NotificationsE2ETest {

    static final String APPROVER = "alice";
    static final String APPROVER_PASSWORD = "e2e-approver-Pw-8";
    static final String VIEWER = "vera";
    static final String VIEWER_PASSWORD = "e2e-viewer-Pw-9";
    static final String COMMENT = "PCK 1.0 on both images, same latency: approved";

    static final WebhookReceiver webhook = new WebhookReceiver();

    @RegisterExtension
    static final PackagedApp app = PackagedApp.withAdminPassword("e2e-admin-Pw-7").withConfig("""
            PoseOps:
              modelPath: "%s"
            Evaluation:
              imagesDir: "%s"
            Security:
              users:
                - username: %s
                  passwordHash: "{bcrypt}%s"
                  roles: [DEPLOYER, APPROVER]
                - username: %s
                  passwordHash: "{bcrypt}%s"
                  roles: [VIEWER]
            """.formatted(TestData.lightningInt8Model().toAbsolutePath().normalize(),
            TestData.sharedDir().resolve("testdata/pose/tensorflow-examples").toAbsolutePath().normalize(),
            APPROVER, new BCryptPasswordEncoder().encode(APPROVER_PASSWORD),
            VIEWER, new BCryptPasswordEncoder().encode(VIEWER_PASSWORD)))
            .withEnvironment("POSEOPS_WEBHOOK_URL", webhook.url().toString());

    @RegisterExtension
    final Browser approverBrowser = new Browser();

    @RegisterExtension
    final Browser viewerBrowser = new Browser();

    @AfterAll
    static void stopWebhook() {
        webhook.close();
    }

    @Test
    void anApprovalReachesTheWebhookAndTheBellOfEveryOpenPage() throws Exception {
        signIn(viewerBrowser, app, VIEWER, VIEWER_PASSWORD);
        assertThat(unread(viewerBrowser)).as("nothing has happened yet").isZero();
        signIn(approverBrowser, app, APPROVER, APPROVER_PASSWORD);
        ModelsPage models = new ModelsPage(approverBrowser, app).open();

        models.register(TestData.lightningInt8Model(), "Lightning int8 for the notification test");
        models.awaitEvaluation();

        Map<String, Object> waiting = webhook.next(Duration.ofSeconds(60)).json();
        assertThat(waiting).containsEntry("kind", "VERSION_AWAITING_APPROVAL")
                .containsEntry("title", "Model version 1 waits for approval");
        awaitUnread(viewerBrowser, 1, "the viewer's page, pushed after the evaluation");

        models.accept(COMMENT);

        Map<String, Object> decided = webhook.next(Duration.ofSeconds(60)).json();
        assertThat(decided).containsEntry("kind", "VERSION_DECIDED")
                .containsEntry("title", "Model version 1 approved by " + APPROVER);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) decided.get("details");
        assertThat(details).containsEntry("decidedBy", APPROVER).containsEntry("comment", COMMENT)
                .containsEntry("outcome", "approved");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) details.get("metrics");
        assertThat(metrics).isNotEmpty().allSatisfy(metric ->
                assertThat(metric).containsKeys("metric", "value", "serving", "verdict"));
        // The endpoint serves PoseOps.modelPath: the same bytes as version 1, but not deployed from it, so it is
        // compared by its own evaluation and named by its file (issue 13: never a Pending version beside itself).
        assertThat(decided.get("text")).asString().contains("Comment: " + COMMENT)
                .contains("Metrics beside the serving movenet_singlepose_lightning_int8_4 (endpoint "
                        + "hp-prediction-endpoint)");

        awaitUnread(viewerBrowser, 2, "the viewer's page, pushed after the decision");
        awaitUnread(approverBrowser, 2, "the approver's own page");

        List<String> shown = openBell(viewerBrowser);
        assertThat(shown.getFirst()).startsWith("Model version 1 approved by " + APPROVER)
                .contains("Comment: " + COMMENT)
                .containsPattern("PCK@0\\.05: \\d\\.\\d{3} \\(serving \\d\\.\\d{3}, same\\)")
                .contains("Sent to the webhook.");
        assertThat(shown.get(1)).startsWith("Model version 1 waits for approval").contains("Registered by " + APPROVER);
        // for people reviewing the bell: target/e2e-screenshots/notification-centre.png
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "e2e-screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "e2e-screenshots", "notification-centre.png"),
                viewerBrowser.screenshot());
        awaitUnread(viewerBrowser, 0, "the viewer's page after opening the bell");
        assertThat(unread(approverBrowser)).as("reading is per person").isEqualTo(2);
    }

    /** The unread count the bell shows (0 when the badge is hidden). */
    private static int unread(Browser browser) {
        waitForVaadin(browser);
        String text = browser.js("""
                const badge = document.getElementById('notification-count');
                return !badge || badge.hidden || badge.offsetParent === null ? '0' : badge.textContent.trim();
                """);
        return Integer.parseInt(text);
    }

    private static void awaitUnread(Browser browser, int expected, String where) {
        browser.waitFor(expected + " unread on " + where, driver -> unread(browser) == expected);
    }

    /** Opens the bell's popover and returns the text of each listed notification, newest first. */
    private static List<String> openBell(Browser browser) {
        browser.driver().findElement(By.id("notification-bell")).click();
        return browser.waitFor("the notification list", driver -> {
            List<String> items = browser.js("""
                    return [...document.querySelectorAll('#notification-list .notification')]
                        .map(item => item.innerText.replace(/\\s+/g, ' ').trim());
                    """);
            return items == null || items.size() < 2 ? null : items;
        });
    }
}
