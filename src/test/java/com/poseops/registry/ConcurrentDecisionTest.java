package com.poseops.registry;

import static com.poseops.testsupport.Users.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.security.Role;
import com.poseops.registry.DecisionLedger.AlreadyClaimedException;
import com.poseops.registry.DecisionLedger.DecisionRecord;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two approvers deciding the same version at the same moment, on real threads against DynamoDB Local: exactly one
 * decision stands, the other is told who decided and when, and nothing is overwritten.
 */
@PoseOpsSpringTest
class ConcurrentDecisionTest {

    private static final int ROUNDS = 5;

    @Autowired
    RegistryService service;

    @Autowired
    DecisionLedger ledger;

    @Autowired
    ModelRegistry registry;

    @Test
    void twoApproversAtOnceExactlyOneDecisionStands() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int v = as("dora", Role.DEPLOYER,
                        () -> service.register(TestModels.lightning(), "m.tflite", "race")).version();
                CountDownLatch start = new CountDownLatch(1);
                Future<Object> alice = pool.submit(decide(start, "alice", v, ApprovalStatus.APPROVED, "ship it"));
                Future<Object> bob = pool.submit(decide(start, "bob", v, ApprovalStatus.REJECTED, "not yet"));
                start.countDown();
                Object a = alice.get(60, TimeUnit.SECONDS);
                Object b = bob.get(60, TimeUnit.SECONDS);

                List<Object> outcomes = List.of(a, b);
                assertThat(outcomes).as("round %d: one decision, one refusal: %s", round, outcomes)
                        .filteredOn(ModelVersion.class::isInstance).hasSize(1);
                ModelVersion winner = (ModelVersion) outcomes.stream().filter(ModelVersion.class::isInstance)
                        .findFirst().orElseThrow();
                VersionAlreadyDecidedException loser = (VersionAlreadyDecidedException) outcomes.stream()
                        .filter(VersionAlreadyDecidedException.class::isInstance).findFirst()
                        .orElseThrow(() -> new AssertionError("the other approver got " + outcomes));
                String winnerName = winner.status() == ApprovalStatus.APPROVED ? "alice" : "bob";
                assertThat(loser.getMessage()).contains("already decided")
                        .contains(" by " + winnerName + " at ");
                assertThat(loser.decidedBy()).isEqualTo(winnerName);

                ModelVersion stored = service.describe(v).orElseThrow();
                assertThat(stored.status()).as("the stored status is the winner's").isEqualTo(winner.status());
                assertThat(stored.approvalDescription()).isEqualTo(winner.approvalDescription());
                assertThat(service.decisionRecord(v).orElseThrow().decidedBy()).isEqualTo(winnerName);

                List<AuditEntry> decisions = service.history(v).stream()
                        .filter(e -> !e.action().equals(RegistryService.REGISTER)
                                && !e.action().equals(RegistryService.EVALUATE)).toList();
                assertThat(decisions).extracting(AuditEntry::outcome)
                        .containsExactlyInAnyOrder(Outcome.SUCCESS, Outcome.FAILURE);
                assertThat(decisions).filteredOn(e -> e.outcome() == Outcome.SUCCESS).extracting(AuditEntry::actor)
                        .containsExactly(winnerName);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightClaimsAtOnceOnTheLedgerOneWins() throws Exception {
        String target = "model:race/" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String user = "approver-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return ledger.claim(new DecisionRecord(target, ApprovalStatus.APPROVED, user, Instant.now(), "c"));
                    } catch (AlreadyClaimedException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            List<DecisionRecord> won = results.stream().filter(DecisionRecord.class::isInstance)
                    .map(DecisionRecord.class::cast).toList();
            assertThat(won).hasSize(1);
            Set<String> losersSaw = new HashSet<>();
            results.stream().filter(AlreadyClaimedException.class::isInstance)
                    .map(r -> ((AlreadyClaimedException) r).existing().decidedBy()).forEach(losersSaw::add);
            assertThat(losersSaw).as("every loser is told the one winner").containsExactly(won.getFirst().decidedBy());
            assertThat(ledger.find(target).orElseThrow().decidedBy()).isEqualTo(won.getFirst().decidedBy());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRegistrationsGetDistinctVersionNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ModelVersion>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String description = "parallel " + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return registry.register(new NewModelVersion(TestModels.lightning(), description, "dora",
                            java.util.Map.of()));
                }));
            }
            start.countDown();
            Set<Integer> numbers = new HashSet<>();
            for (Future<ModelVersion> future : futures) {
                numbers.add(future.get(60, TimeUnit.SECONDS).version());
            }
            assertThat(numbers).hasSize(4);
            for (int number : numbers) {
                assertThat(registry.find(number).orElseThrow().description()).startsWith("parallel ");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<Object> decide(CountDownLatch start, String user, int version, ApprovalStatus outcome,
            String comment) {
        return () -> {
            start.await();
            try {
                return as(user, Role.APPROVER, () -> service.decide(version, outcome, comment));
            } catch (VersionAlreadyDecidedException e) {
                return e;
            }
        };
    }
}
