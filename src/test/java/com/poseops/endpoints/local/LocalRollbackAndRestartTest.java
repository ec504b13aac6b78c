package com.poseops.endpoints.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.inference.TestData;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.testsupport.InvocationTraffic;
import com.poseops.testsupport.LocalEndpointRig;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The endings a person does not start: an alarm that real traffic sets off while baking (all traffic back, no
 * request lost, shown as rolled back by that alarm — never as a success), and a console restarted in the middle of a
 * deployment (it comes back on the last deployed version and says the deployment was rolled back by the restart).
 */
@PoseOpsSpringTest
class LocalRollbackAndRestartTest {

    private static final Duration DEPLOYMENT_TIMEOUT = Duration.ofSeconds(180);

    @Autowired
    ApplicationContext context;

    @Autowired
    RegistryService registry;

    @Test
    void anAlarmThatRealTrafficSetsOffWhileBakingRollsTheDeploymentBackWithoutAFailedRequest() throws Exception {
        int version = approved("alarm test");
        // a latency threshold of 1 µs: every real request exceeds it
        try (LocalEndpointRig rig = LocalEndpointRig.start(context, LocalBlueGreenTest.unique("alarm"),
                TestData.lightningInt8Model(), 0.000001)) {
            String before = rig.awaitInService().variants().getFirst().variantName();
            String configBefore = rig.awaitInService().endpointConfigName();
            try (InvocationTraffic traffic = InvocationTraffic.start(rig.frontDoor(), rig.endpointName(),
                    Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg")), 2, Duration.ofMillis(30))) {
                traffic.awaitAnswers(3, before::equals, Duration.ofSeconds(60));
                Deployment started = Users.as("dora", Role.DEPLOYER, () -> rig.service().deploy(version,
                        new DeploymentPolicy(TrafficRouting.LINEAR, 50, 60, 0, 600, true)));
                assertThat(started.alarmNames()).hasSize(2);
                Deployment done = awaitEnd(rig, started);
                assertThat(done.outcome()).as("never a success").isEqualTo(Outcome.ROLLED_BACK_AUTOMATICALLY);
                String latencyAlarm = rig.monitor().rollbackAlarms().stream()
                        .filter(a -> a.kind() == RollbackAlarm.Kind.LATENCY).findFirst().orElseThrow().name();
                assertThat(done.outcomeDetail()).contains(latencyAlarm).contains("Average model latency");
                assertThat(Duration.between(done.startedAt(), done.endedAt())).as("rolled back while baking, "
                        + "before the bake of 60 s was over").isLessThan(Duration.ofSeconds(60 + 90));
                traffic.awaitAnswers(5, before::equals, Duration.ofSeconds(60));
                traffic.close();
                assertThat(traffic.failures()).as("failed requests during the automatic rollback").isEmpty();
                assertThat(traffic.variantSequence()).as("old → new → old").startsWith(before)
                        .hasSizeGreaterThanOrEqualTo(3).endsWith(before);
            }
            assertThat(rig.awaitInService().endpointConfigName()).isEqualTo(configBefore);
            assertThat(rig.published()).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
                    com.poseops.platform.events.DeploymentEnded.class, ended -> {
                        assertThat(ended.outcome()).isEqualTo(
                                com.poseops.platform.events.DeploymentEnded.Outcome.ROLLED_BACK_AUTOMATICALLY);
                        assertThat(ended.alarm()).isEqualTo(RollbackAlarm.NAME_PREFIX + rig.endpointName() + "-latency");
                    }));
            assertThat(rig.monitor().alarmStates()).as("the alarm that fired, as the Monitoring page reads it")
                    .containsEntry(RollbackAlarm.NAME_PREFIX + rig.endpointName() + "-latency",
                            RollbackAlarm.State.ALARM);
        }
    }

    @Test
    void aConsoleRestartedMidDeploymentComesBackOnTheLastDeployedVersionAndSaysSo() throws Exception {
        int first = approved("restart test, first");
        int second = approved("restart test, second");
        LocalEndpointRig rig = LocalEndpointRig.start(context, LocalBlueGreenTest.unique("restart"),
                TestData.lightningInt8Model(), 60.0);
        try {
            rig.awaitInService();
            Deployment deployed = awaitEnd(rig, Users.as("dora", Role.DEPLOYER, () -> rig.service().deploy(first,
                    new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, false))));
            assertThat(deployed.outcome()).isEqualTo(Outcome.SUCCEEDED);

            Deployment interrupted = Users.as("dora", Role.DEPLOYER, () -> rig.service().deploy(second,
                    new DeploymentPolicy(TrafficRouting.LINEAR, 50, 300, 0, 900, true)));
            rig.await("baking the new version", d -> d.pendingDeployment() != null && d.pendingDeployment()
                    .variants().getFirst().currentWeight() > 0, DEPLOYMENT_TIMEOUT);

            rig.restart(); // every process stops with the "console"; the stored state stays

            EndpointDescription back = rig.awaitInService();
            assertThat(back.endpointConfigName()).as("the last deployed configuration").isEqualTo(deployed.toConfig());
            assertThat(back.variants().getFirst().model().version()).as("not the first model (PoseOps.modelPath)")
                    .isEqualTo(first);
            Deployment ended = awaitEnd(rig, interrupted);
            assertThat(ended.outcome()).as("a defined, visible state").isEqualTo(Outcome.ROLLED_BACK_AUTOMATICALLY);
            assertThat(ended.outcomeDetail()).contains("console restarted").contains("version " + first);

            Deployment after = awaitEnd(rig, Users.as("dora", Role.DEPLOYER, () -> rig.service().deploy(second,
                    new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, false))));
            assertThat(after.outcome()).as("the endpoint is free again after the restart").isEqualTo(Outcome.SUCCEEDED);
            rig.restart();
            assertThat(rig.awaitInService().variants().getFirst().model().version())
                    .as("after a restart the endpoint serves the last deployed version").isEqualTo(second);
        } finally {
            rig.close();
        }
    }

    private int approved(String description) {
        ModelVersion version = Users.as("dora", Role.DEPLOYER, () -> registry.register(TestData.lightningInt8Model(),
                "m.tflite", description));
        Users.as("alice", Role.APPROVER, () -> registry.decide(version.version(), ApprovalStatus.APPROVED, "ok"));
        return version.version();
    }

    private static Deployment awaitEnd(LocalEndpointRig rig, Deployment started) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEPLOYMENT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Deployment> found = rig.monitor().recentDeployments().stream()
                    .filter(d -> d.id().equals(started.id()) && d.outcome().finished()).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + started.id() + " did not end within "
                + DEPLOYMENT_TIMEOUT.toSeconds() + " s; endpoint: " + rig.controlPlane().describe());
    }
}
