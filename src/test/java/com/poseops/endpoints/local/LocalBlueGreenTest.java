package com.poseops.endpoints.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.Deployment.Outcome;
import com.poseops.endpoints.DeploymentInProgressException;
import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointService;
import com.poseops.inference.TestData;
import com.poseops.inference.engine.BrokenModels;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.events.DeploymentEnded;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.testsupport.InvocationTraffic;
import com.poseops.testsupport.LocalEndpointRig;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Blue/green in local mode for real: inference-server processes behind the front door, the endpoint service, its
 * poller and history, with a client sending requests through the front door with the AWS SDK the whole time. Every
 * deploy, rollback, abort and automatic rollback must cost zero requests, and the variant header must show the shift.
 */
@PoseOpsSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalBlueGreenTest {

    private static final Duration DEPLOYMENT_TIMEOUT = Duration.ofSeconds(180);

    @Autowired
    ApplicationContext context;

    @Autowired
    RegistryService registry;

    @Autowired
    AuditLog auditLog;

    private LocalEndpointRig rig;
    private byte[] image;
    private int versionA;
    private int versionB;

    @BeforeAll
    void startEndpointAndRegisterVersions() throws Exception {
        image = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        versionA = approved(TestData.lightningInt8Model(), "blue/green A");
        versionB = approved(TestData.lightningInt8Model(), "blue/green B");
        rig = LocalEndpointRig.start(context, unique("bluegreen"), TestData.lightningInt8Model(), 60.0);
        rig.awaitInService();
    }

    @AfterAll
    void stopEndpoint() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aLinearDeployMovesEveryRequestToTheNewVersionWithoutOneFailing() throws Exception {
        EndpointService service = rig.service();
        String before = servingVariant();
        try (InvocationTraffic traffic = traffic()) {
            traffic.awaitAnswers(5, before::equals, Duration.ofSeconds(60));
            Deployment started = Users.as("dora", Role.DEPLOYER, () -> service.deploy(versionA,
                    new DeploymentPolicy(TrafficRouting.LINEAR, 50, 2, 0, 600, true)));
            assertThat(started.from()).isNotNull();
            Deployment done = awaitEnd(started);
            assertThat(done.outcome()).as("outcome (%s)", done.outcomeDetail()).isEqualTo(Outcome.SUCCEEDED);
            String after = servingVariant();
            assertThat(after).isNotEqualTo(before);
            traffic.awaitAnswers(5, after::equals, Duration.ofSeconds(60));
            traffic.close();
            assertThat(traffic.failures()).as("failed requests during the deploy").isEmpty();
            assertThat(traffic.variantSequence()).as("variants in the order they answered")
                    .startsWith(before).endsWith(after).containsSubsequence(before, after);
        }
        EndpointDescription endpoint = rig.awaitInService();
        assertThat(endpoint.endpointConfigName()).isEqualTo(awaitEndedHistory().getFirst().toConfig());
        assertThat(endpoint.variants().getFirst().model().version()).isEqualTo(versionA);
        assertThat(rig.controlPlane().pidsByVariant()).as("only the new fleet runs").containsOnlyKeys(
                endpoint.variants().getFirst().variantName());
        assertThat(auditLog.history(service.target(), 20)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("dora");
            assertThat(entry.action()).isEqualTo(EndpointService.DEPLOY);
            assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS);
        });
        assertThat(rig.published()).as("told to the rest of the console (notifications)").anySatisfy(event ->
                assertThat(event).isInstanceOfSatisfying(DeploymentEnded.class, ended -> {
                    assertThat(ended.toVersion()).isEqualTo(versionA);
                    assertThat(ended.outcome()).isEqualTo(DeploymentEnded.Outcome.SUCCEEDED);
                    assertThat(ended.startedBy()).isEqualTo("dora");
                }));
    }

    @Test
    void aRollbackReturnsEveryRequestToThePreviousVersionWithoutOneFailing() throws Exception {
        EndpointService service = rig.service();
        Deployment deployB = awaitEnd(Users.as("dora", Role.DEPLOYER, () -> service.deploy(versionB,
                new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, false))));
        assertThat(deployB.outcome()).as("deploy of B (%s)", deployB.outcomeDetail()).isEqualTo(Outcome.SUCCEEDED);
        String newer = servingVariant();
        EndpointService.RollbackPlan plan = service.rollbackPlan().orElseThrow();
        assertThat(plan.from().version()).isEqualTo(versionB);
        assertThat(plan.toConfig()).isEqualTo(deployB.fromConfig());
        try (InvocationTraffic traffic = traffic()) {
            traffic.awaitAnswers(5, newer::equals, Duration.ofSeconds(60));
            Deployment rollback = awaitEnd(Users.as("rolf", Role.DEPLOYER, service::rollback));
            assertThat(rollback.outcome()).as("rollback (%s)", rollback.outcomeDetail()).isEqualTo(Outcome.SUCCEEDED);
            String older = servingVariant();
            traffic.awaitAnswers(5, older::equals, Duration.ofSeconds(60));
            traffic.close();
            assertThat(traffic.failures()).as("failed requests during the rollback").isEmpty();
            assertThat(traffic.variantSequence()).startsWith(newer).endsWith(older);
        }
        assertThat(rig.awaitInService().endpointConfigName()).isEqualTo(deployB.fromConfig());
        Deployment undone = awaitEndedHistory().stream().filter(d -> d.id().equals(deployB.id())).findFirst()
                .orElseThrow();
        assertThat(undone.outcome()).isEqualTo(Outcome.ROLLED_BACK_BY_PERSON);
        assertThat(undone.outcomeDetail()).contains("rolf");
        assertThat(rig.published()).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(
                DeploymentEnded.class, ended -> {
                    assertThat(ended.deploymentId()).isEqualTo(deployB.id());
                    assertThat(ended.outcome()).isEqualTo(DeploymentEnded.Outcome.ROLLED_BACK_BY_PERSON);
                    assertThat(ended.rolledBackBy()).isEqualTo("rolf");
                }));
    }

    @Test
    void anAbortSendsAllTrafficBackAndStopsTheNewFleet() throws Exception {
        EndpointService service = rig.service();
        String before = servingVariant();
        try (InvocationTraffic traffic = traffic()) {
            Deployment started = Users.as("dora", Role.DEPLOYER, () -> service.deploy(versionB,
                    new DeploymentPolicy(TrafficRouting.LINEAR, 50, 120, 0, 600, true)));
            String green = awaitGreenTakingTraffic();
            traffic.awaitAnswers(3, green::equals, Duration.ofSeconds(60));
            Users.as("abe", Role.ADMIN, () -> {
                service.abort("the canary looks wrong");
                return null;
            });
            Deployment done = awaitEnd(started);
            assertThat(done.outcome()).isEqualTo(Outcome.ABORTED);
            assertThat(done.outcomeDetail()).contains("abe").contains("the canary looks wrong");
            traffic.awaitAnswers(5, before::equals, Duration.ofSeconds(60));
            traffic.close();
            assertThat(traffic.failures()).as("failed requests during the abort").isEmpty();
            assertThat(traffic.variantSequence()).startsWith(before).contains(green).endsWith(before);
        }
        assertThat(rig.controlPlane().pidsByVariant()).containsOnlyKeys(before);
    }

    @Test
    void aVersionWhoseProcessDoesNotStartFailsItsDeployWhileTheOldOneServes() throws Exception {
        int broken = approved(BrokenModels.loadsButFailsToRun(Path.of("target/test-data/broken-model")),
                "loads, then fails when run");
        EndpointService service = rig.service();
        String before = servingVariant();
        String configBefore = rig.awaitInService().endpointConfigName();
        try (InvocationTraffic traffic = traffic()) {
            Deployment done = awaitEnd(Users.as("dora", Role.DEPLOYER, () -> service.deploy(broken,
                    new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, true))));
            assertThat(done.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(done.outcomeDetail()).as("the reason, from the process's log")
                    .contains("version " + broken).contains("Invoke");
            traffic.awaitAnswers(3, before::equals, Duration.ofSeconds(60));
            traffic.close();
            assertThat(traffic.failures()).as("failed requests while the broken version failed").isEmpty();
            assertThat(traffic.variantSequence()).containsOnly(before);
        }
        assertThat(rig.awaitInService().endpointConfigName()).isEqualTo(configBefore);
    }

    @Test
    void ofTwoDeploysStartedAtOnceExactlyOneRunsAndTheOtherIsToldWhoHoldsTheEndpoint() throws Exception {
        EndpointService service = rig.service();
        rig.awaitInService();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<Deployment>> attempts = new ArrayList<>();
        for (String user : List.of("dora", "dave")) {
            attempts.add(two.submit(() -> {
                go.await();
                return Users.as(user, Role.DEPLOYER, () -> service.deploy(versionA,
                        new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 0, 600, false)));
            }));
        }
        go.countDown();
        List<Deployment> ran = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (Future<Deployment> attempt : attempts) {
            try {
                ran.add(attempt.get());
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add(e.getCause());
            }
        }
        two.shutdown();
        assertThat(ran).as("deployments that started").hasSize(1);
        assertThat(refused).singleElement().isInstanceOf(DeploymentInProgressException.class);
        String winner = ran.getFirst().startedBy();
        assertThat(refused.getFirst().getMessage()).contains(winner).contains("version " + versionA);
        String loser = winner.equals("dora") ? "dave" : "dora";
        assertThat(auditLog.history(service.target(), 30)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo(loser);
            assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.FAILURE);
            assertThat(entry.comment()).contains("refused").contains(winner);
        });
        assertThat(awaitEnd(ran.getFirst()).outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void aViewerMayNotDeployRollBackOrAbortAndEachRefusalIsAudited() {
        EndpointService service = rig.service();
        Users.as("vera", Role.VIEWER, () -> {
            assertThatThrownBy(() -> service.deploy(versionA, DeploymentPolicy.defaults()))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            assertThatThrownBy(service::rollback)
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            assertThatThrownBy(() -> service.abort("no"))
                    .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
            return null;
        });
        assertThat(auditLog.history(service.target(), 50)).filteredOn(e -> e.actor().equals("vera"))
                .extracting(AuditEntry::action, AuditEntry::outcome).contains(
                        org.assertj.core.groups.Tuple.tuple(EndpointService.DEPLOY, AuditEntry.Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple(EndpointService.ROLLBACK, AuditEntry.Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple(EndpointService.ABORT, AuditEntry.Outcome.DENIED));
    }

    @Test
    void onlyApprovedVersionsAreDeployedAndTheRefusalIsAudited() {
        int pending = Users.as("dora", Role.DEPLOYER, () -> registry.register(TestData.lightningInt8Model(),
                "pending.tflite", "not reviewed")).version();
        EndpointService service = rig.service();
        assertThatThrownBy(() -> Users.as("dora", Role.DEPLOYER, () -> service.deploy(pending,
                DeploymentPolicy.defaults()))).hasMessageContaining("Only Approved versions")
                .hasMessageContaining("Pending");
        assertThat(auditLog.history(service.target(), 30)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("dora");
            assertThat(entry.outcome()).isEqualTo(AuditEntry.Outcome.FAILURE);
            assertThat(entry.comment()).contains("version " + pending).contains("refused");
        });
    }

    // ---- helpers ----

    private InvocationTraffic traffic() {
        return InvocationTraffic.start(rig.frontDoor(), rig.endpointName(), image, 2, Duration.ofMillis(30));
    }

    private String servingVariant() {
        return rig.awaitInService().variants().getFirst().variantName();
    }

    /** Waits until the new fleet has traffic (a deployment is baking a step). */
    private String awaitGreenTakingTraffic() {
        EndpointDescription baking = rig.await("baking with traffic on the new fleet", d -> d.pendingDeployment()
                != null && d.pendingDeployment().variants().getFirst().currentWeight() > 0,
                DEPLOYMENT_TIMEOUT);
        return baking.pendingDeployment().variants().getFirst().variantName();
    }

    private Deployment awaitEnd(Deployment started) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEPLOYMENT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            for (Deployment deployment : rig.monitor().recentDeployments()) {
                if (deployment.id().equals(started.id()) && deployment.outcome().finished()) {
                    return deployment;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("deployment " + started.id() + " did not end within "
                + DEPLOYMENT_TIMEOUT.toSeconds() + " s; endpoint: " + rig.controlPlane().describe());
    }

    private List<Deployment> awaitEndedHistory() {
        return rig.monitor().recentDeployments();
    }

    private int approved(Path model, String description) {
        ModelVersion version = Users.as("dora", Role.DEPLOYER, () -> registry.register(model,
                model.getFileName().toString(), description));
        Users.as("alice", Role.APPROVER, () -> registry.decide(version.version(), ApprovalStatus.APPROVED,
                "fine for the " + description.toLowerCase(Locale.ROOT) + " test"));
        return version.version();
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36);
    }
}
