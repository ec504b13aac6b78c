package com.poseops.endpoints.ui;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.inference.TestData;
import com.poseops.registry.ui.ModelsPage;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.MotoServer;
import com.poseops.testsupport.PackagedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;

/**
 * The Endpoints page in aws mode, end to end: the packaged console against moto with PoseOps' deployment simulation
 * (docs/moto-notes.md; its clock runs 60 simulated seconds per second). The first deploy from the browser creates the
 * endpoint; the next one leaves it on a new configuration with a blue/green {@code DeploymentConfig} whose
 * auto-rollback names alarms that exist in CloudWatch; an alarm set to ALARM while a third one bakes ends with the
 * endpoint back on the old configuration and the deployment shown as rolled back by that alarm — never as a success.
 */
class EndpointsAwsModeE2ETest {

    private static final String ENDPOINT = "hp-prediction-endpoint";

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static PackagedApp app;

    @RegisterExtension
    final Browser browser = new Browser();

    @BeforeAll
    static void startConsole() throws Exception {
        moto.deploymentClock(Map.of("reset", true, "time_scale", 60, "provisioning_seconds", 60,
                "traffic_seconds", 10, "rollback_seconds", 30));
        app = PackagedApp.withAdminPassword("e2e-admin-Pw-12")
                .withEnvironment("POSEOPS_MODE", "aws")
                .withEnvironment("POSEOPS_AWS_ENDPOINT", moto.endpoint().toString())
                .withEnvironment("POSEOPS_AWS_CREATE_RESOURCES", "true")
                .withEnvironment("AWS_REGION", MotoServer.REGION)
                .withoutDynamoDbLocal();
        app.start();
    }

    @AfterAll
    static void stopConsole() throws Exception {
        if (app != null) {
            app.stop();
        }
        moto.deploymentClock(Map.of("reset", true));
    }

    @Test
    void deploysFromTheBrowserBlueGreenWithAlarmsAndShowsAnAlarmsRollbackAsRolledBack() throws Exception {
        signIn(browser, app, "admin", app.adminPassword());
        ModelsPage models = new ModelsPage(browser, app).open();
        for (int version = 1; version <= 2; version++) {
            models.register(TestData.lightningInt8Model(), "Lightning int8, aws deploy " + version);
            int expected = version;
            browser.waitFor("version " + version, driver -> models.text("detail-title").equals("Version " + expected));
            models.accept("ok to deploy");
        }

        EndpointsPage page = new EndpointsPage(browser, app).open();
        assertThat(page.text("no-endpoint")).contains("No endpoint yet").contains("creates " + ENDPOINT);
        page.deploy(1, "All at once", 100, 0, 3600);
        browser.waitFor("the endpoint created", driver -> page.historyRow(0).contains("Create")
                && page.historyRow(0).contains("Succeeded"));
        browser.waitFor("InService", driver -> "InService".equals(page.status()));

        page.deploy(2, "Linear", 50, 60, 3600);
        browser.waitFor("the blue/green deploy to succeed", driver -> page.historyRow(0).contains("Deploy")
                && page.historyRow(0).contains("Succeeded"));
        String version2Config;
        try (SageMakerClient sageMaker = moto.awsClients().build(SageMakerClient.builder());
                CloudWatchClient cloudWatch = moto.awsClients().build(CloudWatchClient.builder())) {
            DescribeEndpointResponse endpoint = sageMaker.describeEndpoint(r -> r.endpointName(ENDPOINT));
            version2Config = endpoint.endpointConfigName();
            assertThat(endpoint.endpointStatusAsString()).isEqualTo("InService");
            assertThat(endpoint.lastDeploymentConfig().blueGreenUpdatePolicy().trafficRoutingConfiguration()
                    .typeAsString()).isEqualTo("LINEAR");
            List<String> alarms = endpoint.lastDeploymentConfig().autoRollbackConfiguration().alarms().stream()
                    .map(a -> a.alarmName()).toList();
            assertThat(alarms).containsExactlyInAnyOrder("poseops-" + ENDPOINT + "-latency",
                    "poseops-" + ENDPOINT + "-5xx");
            assertThat(cloudWatch.describeAlarms(r -> r.alarmNames(alarms)).metricAlarms())
                    .as("the alarms the deployment names exist").extracting(MetricAlarm::alarmName)
                    .containsExactlyInAnyOrderElementsOf(alarms);

            page.deploy(1, "Canary", 10, 600, 3600);
            browser.waitFor("baking (pushed to the page)", driver -> String.valueOf(page.currentStep())
                    .startsWith("Baking until"));
            cloudWatch.setAlarmState(r -> r.alarmName("poseops-" + ENDPOINT + "-latency")
                    .stateValue(StateValue.ALARM).stateReason("E2E: latency above the threshold"));
            browser.waitFor("the deployment shown as rolled back", driver -> page.historyRow(0).contains(
                    "Rolled back automatically"));
            assertThat(page.historyRow(0)).contains("poseops-" + ENDPOINT + "-latency").doesNotContain("Succeeded");
            assertThat(sageMaker.describeEndpoint(r -> r.endpointName(ENDPOINT)).endpointConfigName())
                    .as("back on the configuration of version 2").isEqualTo(version2Config);
        }
        assertThat(page.text("endpoint-sentence")).contains("InService").contains("version 2");
    }
}
