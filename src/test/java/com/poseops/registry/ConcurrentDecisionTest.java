package com.poseops.registry;

import static com.poseops.testsupport.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                int v = Registrations.register(service, "dora", "race").version();
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

    /**
     * The console stopped between alice's claim and the registry change (decision 0020): the claim stands, the
     * registry still says Pending. The next look at the version (the grid, the detail) carries out alice's decision
     * as she made it, once.
     */
    @Test
    void aDecisionCutOffBeforeTheRegistryTookItIsCarriedOutOnTheNextLook() {
        int v = Registrations.register(service, "dora", "cut off").version();
        Instant claimedAt = Instant.now().minus(RegistryService.INTERRUPTED_CLAIM_AGE).minusSeconds(30);
        ledger.claim(new DecisionRecord(service.target(v), ApprovalStatus.APPROVED, "alice", claimedAt, "ship it"));
        assertThat(registry.find(v).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);

        ModelVersion listed = service.list(50, null).items().stream().filter(item -> item.version() == v)
                .findFirst().orElseThrow();
        assertThat(listed.status()).as("in the Models grid").isEqualTo(ApprovalStatus.APPROVED);
        ModelVersion shown = service.describe(v).orElseThrow();

        assertThat(shown.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(shown.approvalDescription()).isEqualTo("approved by alice: ship it");
        assertThat(registry.find(v).orElseThrow().status()).as("in the registry itself")
                .isEqualTo(ApprovalStatus.APPROVED);
        assertThat(service.history(v)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("alice");
            assertThat(entry.action()).isEqualTo(RegistryService.APPROVE);
            assertThat(entry.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(entry.comment()).startsWith("ship it").contains("carried out by PoseOps");
        });
        assertThat(service.history(v)).as("carried out once")
                .filteredOn(entry -> entry.comment() != null && entry.comment().contains("carried out")).hasSize(1);
        assertThatThrownBy(() -> as("bob", Role.APPROVER, () -> service.decide(v, ApprovalStatus.REJECTED, "no")))
                .isInstanceOf(VersionAlreadyDecidedException.class).hasMessageContaining(" by alice at ");
    }

    @Test
    void anotherApproverTryingToDecideCarriesOutTheCutOffDecisionNotTheirOwn() {
        int v = Registrations.register(service, "dora", "cut off, then bob").version();
        Instant claimedAt = Instant.now().minus(RegistryService.INTERRUPTED_CLAIM_AGE).minusSeconds(30);
        ledger.claim(new DecisionRecord(service.target(v), ApprovalStatus.REJECTED, "alice", claimedAt, "too slow"));

        assertThatThrownBy(() -> as("bob", Role.APPROVER,
                () -> service.decide(v, ApprovalStatus.APPROVED, "fine by me")))
                .isInstanceOf(VersionAlreadyDecidedException.class).hasMessageContaining(" by alice at ");

        ModelVersion stored = registry.find(v).orElseThrow();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(stored.approvalDescription()).isEqualTo("rejected by alice: too slow");
    }

    @Test
    void aFreshClaimIsLeftToTheConsoleThatIsCarryingItOut() {
        int v = Registrations.register(service, "dora", "claim on its way").version();
        ledger.claim(new DecisionRecord(service.target(v), ApprovalStatus.APPROVED, "alice", Instant.now(), "soon"));

        assertThat(service.describe(v).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThatThrownBy(() -> as("bob", Role.APPROVER, () -> service.decide(v, ApprovalStatus.REJECTED, "no")))
                .isInstanceOf(VersionAlreadyDecidedException.class).hasMessageContaining(" by alice at ");
        assertThat(registry.find(v).orElseThrow().status()).as("untouched while the claimant may still be at it")
                .isEqualTo(ApprovalStatus.PENDING);
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
