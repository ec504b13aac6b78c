package com.poseops.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointDescription.Variant;
import com.poseops.endpoints.EndpointDescription.VariantStatus;
import com.poseops.endpoints.EndpointDescription.VariantStatusCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How a deployment's end is read from DescribeEndpoint, for both modes — above all that an endpoint back InService
 * on another configuration is a rollback (with the alarm when one was seen), never a success.
 */
class DeploymentFollowerTest {

    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
    private static final ServedModel V1 = new ServedModel("m-v1", 1, "s3://b/v1/model.tar.gz", null);
    private static final ServedModel V2 = new ServedModel("m-v2", 2, "s3://b/v2/model.tar.gz", null);
    private static final String LATENCY = "poseops-e-latency";
    private static final Map<String, String> LABELS = Map.of(LATENCY, "Average model latency above 1.0 s");

    @Test
    void stillUpdatingIsStillInProgressAndCountsAsSeen() {
        DeploymentFollower.Seen seen = new DeploymentFollower.Seen(false);
        assertThat(judge(entry(null), seen, updating(), Map.of())).isEmpty();
        assertThat(seen.change).isTrue();
    }

    @Test
    void inServiceOnTheNewConfigurationIsASuccess() {
        assertThat(judge(entry(null), new DeploymentFollower.Seen(false), inService("config-2", null), Map.of()))
                .hasValueSatisfying(v -> assertThat(v.outcome()).isEqualTo(Outcome.SUCCEEDED));
    }

    @Test
    void backOnTheOldConfigurationAfterAnAlarmIsAnAutomaticRollbackByThatAlarmNeverASuccess() {
        DeploymentFollower.Seen seen = new DeploymentFollower.Seen(false);
        judge(entry(null), seen, updating(), Map.of(LATENCY, RollbackAlarm.State.ALARM));
        Optional<DeploymentFollower.Verdict> verdict = judge(entry(null), seen, inService("config-1", null),
                Map.of(LATENCY, RollbackAlarm.State.OK));
        assertThat(verdict).hasValueSatisfying(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.ROLLED_BACK_AUTOMATICALLY);
            assertThat(v.detail()).contains(LATENCY).contains("Average model latency above 1.0 s")
                    .contains("back on version 1");
        });
    }

    @Test
    void aSilentRollbackWithoutAnAlarmSeenIsStillARollback() {
        DeploymentFollower.Seen seen = new DeploymentFollower.Seen(false);
        judge(entry(null), seen, updating(), Map.of());
        assertThat(judge(entry(null), seen, inService("config-1", null), Map.of()))
                .hasValueSatisfying(v -> assertThat(v.outcome()).isEqualTo(Outcome.ROLLED_BACK_AUTOMATICALLY));
    }

    @Test
    void backOnTheOldConfigurationWithAFailureReasonFailedWithThatReason() {
        DeploymentFollower.Seen seen = new DeploymentFollower.Seen(false);
        judge(entry(null), seen, updating(), Map.of());
        assertThat(judge(entry(null), seen, inService("config-1", "the new fleet did not pass /ping"), Map.of()))
                .hasValueSatisfying(v -> {
                    assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(v.detail()).isEqualTo("the new fleet did not pass /ping");
                });
    }

    @Test
    void anAbortAskedForIsAnAbortEvenWhenItsAlarmWentOff() {
        DeploymentFollower.Seen seen = new DeploymentFollower.Seen(false);
        judge(entry("abe"), seen, updating(), Map.of(LATENCY, RollbackAlarm.State.ALARM));
        assertThat(judge(entry("abe"), seen, inService("config-1", null), Map.of())).hasValueSatisfying(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.ABORTED);
            assertThat(v.detail()).startsWith("Aborted by abe: looks wrong");
        });
    }

    @Test
    void theOldConfigurationBeforeTheUpdateShowsUpIsNotJudgedYet() {
        assertThat(judge(entry(null), new DeploymentFollower.Seen(false), inService("config-1", null), Map.of()))
                .as("the update has not shown in DescribeEndpoint yet").isEmpty();
    }

    @Test
    void aDeploymentFoundAfterARestartBackOnTheOldConfigurationSaysTheConsoleRestarted() {
        assertThat(judge(entry(null), new DeploymentFollower.Seen(true), inService("config-1", null), Map.of()))
                .hasValueSatisfying(v -> {
                    assertThat(v.outcome()).isEqualTo(Outcome.ROLLED_BACK_AUTOMATICALLY);
                    assertThat(v.detail()).contains("console restarted").contains("version 1");
                });
    }

    @Test
    void aFailedEndpointFailsTheDeploymentWithSageMakersReason() {
        DeploymentFollower.Seen seen = new DeploymentFollower.Seen(false);
        judge(entry(null), seen, updating(), Map.of());
        EndpointDescription failed = new EndpointDescription("e", Status.FAILED, "Image not found", "config-1",
                List.of(variant(V1)), null, START, START.plusSeconds(60));
        assertThat(judge(entry(null), seen, failed, Map.of())).hasValueSatisfying(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(v.detail()).isEqualTo("Image not found");
        });
    }

    private static Optional<DeploymentFollower.Verdict> judge(DeploymentHistory.Entry entry,
            DeploymentFollower.Seen seen, EndpointDescription description, Map<String, RollbackAlarm.State> alarms) {
        return DeploymentFollower.judge(entry, seen, Optional.of(description), alarms, LABELS, START.plusSeconds(30));
    }

    private static DeploymentHistory.Entry entry(@Nullable String abortedBy) {
        Deployment deployment = new Deployment("id-1", "e", Deployment.Kind.DEPLOY, V1, V2, "config-1", "config-2",
                new DeploymentPolicy(TrafficRouting.CANARY, 10, 300, 0, 3600, true), List.of(LATENCY, "poseops-e-5xx"),
                "dora", START, null, Outcome.IN_PROGRESS, null);
        return new DeploymentHistory.Entry(deployment, abortedBy, abortedBy == null ? null : "looks wrong");
    }

    private static EndpointDescription updating() {
        return new EndpointDescription("e", Status.UPDATING, null, "config-1", List.of(variant(V1)),
                new EndpointDescription.PendingDeployment("config-2", START, List.of(new Variant("green", V2,
                        "ml.m5.xlarge", 1, 1, 0.1, 0.1, List.of(new VariantStatus(VariantStatusCode.BAKING,
                        "Baking", START.plusSeconds(20)))))), START, START.plusSeconds(1));
    }

    private static EndpointDescription inService(String config, @Nullable String failureReason) {
        return new EndpointDescription("e", Status.IN_SERVICE, failureReason, config,
                List.of(variant(config.equals("config-1") ? V1 : V2)), null, START, START.plusSeconds(60));
    }

    private static Variant variant(ServedModel model) {
        return new Variant("blue", model, "ml.m5.xlarge", 1, 1, 1, 1, List.of());
    }
}
