package com.poseops.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/** The local-mode database for real: DynamoDB Local as a child process, tables, audit entries, restart, cleanup. */
class DynamoDbLocalIntegrationTest {

    @TempDir
    Path dataDirectory;

    private final AwsSettings aws = new AwsSettings("ap-south-1", "", false, "test-");

    @Test
    void auditEntriesSurviveARestartAndTheChildProcessStopsWithTheConnection() {
        PoseOpsSettings settings = new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null);
        Instant first = Instant.parse("2026-11-23T10:15:30.001Z");
        long pid;
        try (DynamoDbConnection connection = DynamoDbConnection.open(settings, new AwsClients(aws))) {
            pid = connection.localServer().pid();
            AuditLog log = auditLog(connection, Clock.fixed(first, ZoneOffset.UTC));
            log.record("admin", "sign-in", "console", Outcome.SUCCESS, null);
            AuditLog later = auditLog(connection, Clock.fixed(first.plusMillis(5), ZoneOffset.UTC));
            later.record("alice", "model.approve", "model-version/3", Outcome.SUCCESS, "better PCK");
        }
        assertThat(ProcessHandle.of(pid)).as("DynamoDB Local stopped with the connection").isEmpty();

        try (DynamoDbConnection connection = DynamoDbConnection.open(settings, new AwsClients(aws))) {
            AuditLog log = auditLog(connection, Clock.fixed(first.plusSeconds(60), ZoneOffset.UTC));
            List<AuditEntry> entries = log.newest(AuditFilter.ALL, 10);
            assertThat(entries).extracting(AuditEntry::actor).containsExactly("alice", "admin");
            assertThat(entries.getLast().at()).isEqualTo(first);
            assertThat(entries.getFirst().comment()).isEqualTo("better PCK");
            assertThat(log.history("model-version/3", 10)).extracting(AuditEntry::action)
                    .containsExactly("model.approve");
            assertThat(log.newest(new AuditFilter("ALI", null, null), 10)).hasSize(1);
            assertThat(log.newest(new AuditFilter(null, "deploy", null), 10)).isEmpty();
        }
    }

    @Test
    void provisioningIsIdempotent() {
        PoseOpsSettings settings = new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null);
        try (DynamoDbConnection connection = DynamoDbConnection.open(settings, new AwsClients(aws))) {
            DynamoDbTables tables = tables(connection);
            new TableProvisioner(connection.client(), tables).createMissing();
            new TableProvisioner(connection.client(), tables).createMissing();
            new TableProvisioner(connection.client(), tables).requireAll();
            assertThat(connection.client().listTables().tableNames()).containsExactly("test-audit");
        }
    }

    @Test
    void aServerLeftBehindByAKilledConsoleIsStoppedAtTheNextStart() {
        PoseOpsSettings settings = new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null);
        DynamoDbConnection abandoned = DynamoDbConnection.open(settings, new AwsClients(aws));
        long leftoverPid = abandoned.localServer().pid();
        // No close(): as if the console had been killed with SIGKILL.
        try (DynamoDbConnection connection = DynamoDbConnection.open(settings, new AwsClients(aws))) {
            assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive)).isIn(java.util.Optional.empty(),
                    java.util.Optional.of(false));
            assertThat(ProcessHandle.of(connection.localServer().pid()).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            abandoned.close();
        }
    }

    @Test
    void startedInTheBackgroundARequestMadeBeforeTheDatabaseIsReadyWaitsForItsTables() throws Exception {
        PoseOpsSettings settings = new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null);
        try (DynamoDbConnection connection = DynamoDbConnection.startInBackground(settings, new AwsClients(aws))) {
            assertThat(connection.isReady()).as("returned before DynamoDB Local answers").isFalse();
            assertThat(connection.description()).startsWith("DynamoDB Local");
            assertThat(connection.status().current().state()).as("what the pages say meanwhile")
                    .isEqualTo(DatabaseStatus.State.STARTING);
            // A page asking early (the console is up, the database is not): its request is held, not refused.
            CompletableFuture<List<String>> early = CompletableFuture.supplyAsync(
                    () -> connection.client().listTables().tableNames());
            DynamoDbTables tables = tables(connection);
            connection.prepare(new TableProvisioner(connection.client(), tables)::createMissing);

            assertThat(early.get(150, TimeUnit.SECONDS)).as("what the early request saw: the prepared tables")
                    .containsExactly("test-audit");
            assertThat(connection.isReady()).isTrue();
            assertThat(connection.localServer()).isNotNull();
            assertThat(connection.description()).startsWith("DynamoDB Local at http://127.0.0.1:");
            assertThat(connection.status().current().state()).isEqualTo(DatabaseStatus.State.AVAILABLE);
        }
    }

    @Test
    void aDatabaseThatCannotBePreparedGivesEveryRequestTheReason() {
        PoseOpsSettings settings = new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null);
        try (DynamoDbConnection connection = DynamoDbConnection.startInBackground(settings, new AwsClients(aws))) {
            connection.prepare(() -> {
                throw new IllegalStateException("the tables could not be created: disk full");
            });
            assertThatThrownBy(() -> connection.client().listTables())
                    .hasMessageContaining("The database did not start: the tables could not be created: disk full");
            assertThat(connection.failure()).contains("the tables could not be created: disk full");
        }
    }

    private AuditLog auditLog(DynamoDbConnection connection, Clock clock) {
        DynamoDbTables tables = tables(connection);
        new TableProvisioner(connection.client(), tables).createMissing();
        return new AuditLog(tables, clock);
    }

    private DynamoDbTables tables(DynamoDbConnection connection) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(connection.client()).build();
        return new DynamoDbTables(enhanced, aws, List.of(AuditLog.TABLE));
    }
}
