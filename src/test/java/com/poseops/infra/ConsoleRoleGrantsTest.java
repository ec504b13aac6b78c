package com.poseops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.infra.AwsCallScanner.AwsCall;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every AWS operation the console's code calls is allowed by the console role, and the role allows nothing else
 * (decision 0111). The calls are read from the compiled classes, so a feature that adds a call without a grant fails
 * here with the action, the caller and the statement to add it to.
 */
class ConsoleRoleGrantsTest {

    private static List<AwsCall> calls;

    @BeforeAll
    static void scan() {
        calls = AwsCallScanner.consoleCalls();
    }

    @Test
    void theScanFindsTheCallsOfTheAwsAdaptersAndThePlatform() {
        // Guards the scanner itself: were it to miss calls, the grant checks below would pass vacuously.
        assertThat(calls).extracting(AwsCall::action).contains(
                "sagemaker:DescribeEndpoint", "sagemaker:InvokeEndpoint", "sagemaker:UpdateModelPackage",
                "s3:PutObject", "s3:GetObject", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DescribeTable",
                "sns:Publish");
        assertThat(calls).filteredOn(call -> call.action().equals("dynamodb:PutItem"))
                .as("calls through the DynamoDB enhanced client are found too")
                .extracting(AwsCall::caller).contains("com.poseops.platform.audit.AuditLog");
        assertThat(calls).as("local-mode adapters never run with the console role")
                .noneMatch(call -> call.caller().contains(".local."));
    }

    @Test
    void everyOperationTheConsoleCallsIsGrantedToItsRole() {
        ConsoleGrants grants = ConsoleGrants.of(CfnTemplate.read(ConsoleGrants.TEMPLATE));
        assertThat(grants.missingGrants(calls)).as("AWS calls without a grant").isEmpty();
    }

    @Test
    void theRoleGrantsNothingTheCodeDoesNotCallBeyondTheHostAndTheFeaturesLandingNow() {
        ConsoleGrants grants = ConsoleGrants.of(CfnTemplate.read(ConsoleGrants.TEMPLATE));
        assertThat(grants.unusedGrants(calls)).as("grants without a call").isEmpty();
        assertThat(ConsoleGrants.staleExpectations(calls)).as("EXPECTED_SOON entries that are called now").isEmpty();
        assertThat(ConsoleGrants.staleCreateResourcesEntries(calls)).as("stale CREATE_RESOURCES_ONLY entries").isEmpty();
    }

    @Test
    void aNewCallWithoutAGrantFailsAndSaysWhichStatementToAddItTo() {
        List<AwsCall> withNewCall = new ArrayList<>(calls);
        withNewCall.addAll(AwsCallScanner.callsOf(UngrantedCallFixture.class));
        ConsoleGrants grants = ConsoleGrants.of(CfnTemplate.read(ConsoleGrants.TEMPLATE));

        assertThat(grants.missingGrants(withNewCall)).singleElement().asString()
                .contains("does not allow sagemaker:DeleteEndpoint")
                .contains("SageMakerClient.deleteEndpoint() in " + UngrantedCallFixture.class.getName())
                .contains("UngrantedCallFixture.java:")
                .contains("Add \"sagemaker:DeleteEndpoint\" to the Action list of the statement Sid \"Endpoint\"")
                .contains("poseops-console.yml");
    }

    @Test
    void aGrantRemovedFromTheTemplateFailsForTheRealCallThatNeedsIt() throws IOException {
        String template = Files.readString(ConsoleGrants.TEMPLATE);
        String withoutPublish = template.replace("              - sns:Publish\n", "");
        assertThat(withoutPublish).isNotEqualTo(template);
        ConsoleGrants grants = ConsoleGrants.of(CfnTemplate.parse(ConsoleGrants.TEMPLATE, withoutPublish));

        assertThat(grants.missingGrants(calls)).singleElement().asString()
                .contains("does not allow sns:Publish")
                .contains("SnsClient.publish() in com.poseops.platform.notifications.aws.SnsNotificationChannel")
                .contains("the statement Sid \"Notifications\"");
    }

    @Test
    void anActionWithoutResourceLevelPermissionsIsSentToTheStarStatementAndTheDecisionRecord() {
        assertThat(ConsoleGrants.suggestedStatement("cloudwatch:ListMetrics"))
                .contains("NoResourceLevelPermissions").contains("0111-least-privilege");
        assertThat(ConsoleGrants.suggestedStatement("sagemaker:StopTrainingJob")).contains("TrainingJobs");
    }
}
