package com.poseops.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.local.DynamoDbLocalSupervisor;
import com.poseops.platform.security.Role;
import com.poseops.pose.UploadBlobStore;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A backup of the running console (local mode, DynamoDB Local and files), taken while audit entries are being
 * written, restored by the command into a fresh data directory, and read back there by a fresh DynamoDB Local.
 */
@PoseOpsSpringTest
class BackupRestoreTest {

    @Autowired
    BackupService backups;

    @Autowired
    AuditLog auditLog;

    @Autowired
    UploadBlobStore blobs;

    @Autowired
    AwsSettings aws;

    @TempDir
    Path scratch;

    @Test
    void aBackupTakenWhileTheConsoleWritesRestoresIntoAFreshDataDirectory() throws Exception {
        String marker = "backup-marker-" + UUID.randomUUID();
        auditLog.record("backup-tester", "probe", marker, Outcome.SUCCESS, "written before the backup");
        String uploadId = UUID.randomUUID().toString();
        byte[] image = ("not really a jpeg " + uploadId).getBytes(StandardCharsets.UTF_8);
        blobs.put("backup-tester", uploadId, UploadBlobStore.Kind.IMAGE, image);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writtenDuring = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                auditLog.record("backup-tester", "probe", marker + "-during", Outcome.SUCCESS, null);
                writtenDuring.incrementAndGet();
            }
        });
        BackupArchive.Summary summary;
        try {
            summary = Users.as("admin", Role.ADMIN, () -> {
                try {
                    return backups.create();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(writtenDuring.get()).as("audit entries written while the backup ran").isPositive();
        assertThat(summary.file()).exists().hasFileName(summary.file().getFileName().toString());
        assertThat(auditLog.newest(new AuditFilter("admin", BackupService.ACTION, null), 1))
                .as("the backup is audited").singleElement().extracting(AuditEntry::outcome)
                .isEqualTo(Outcome.SUCCESS);

        Path fresh = scratch.resolve("restored-data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = BackupCommand.run(new String[] {"restore", summary.file().toString(), fresh.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(exit).as("restore exit code; it said: %s", out).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Restored").contains(fresh.toString());

        try (DynamoDbLocalSupervisor restored = DynamoDbLocalSupervisor.start(fresh);
                DynamoDbClient client = client(restored)) {
            DynamoDbTables tables = new DynamoDbTables(DynamoDbEnhancedClient.builder().dynamoDbClient(client).build(),
                    aws, List.of(AuditLog.TABLE));
            AuditLog restoredLog = new AuditLog(tables, Clock.systemUTC());
            assertThat(restoredLog.history(marker, 5)).as("the entry written before the backup, restored")
                    .singleElement().extracting(AuditEntry::comment).isEqualTo("written before the backup");
        }
        try (DataDirectory restoredData = DataDirectory.open(fresh, 0)) {
            assertThat(new com.poseops.pose.local.FileUploadBlobStore(restoredData)
                    .get("backup-tester", uploadId, UploadBlobStore.Kind.IMAGE)).as("the upload, restored")
                    .hasValue(image);
        }
    }

    @Test
    void restoreRefusesANonEmptyDirectoryAndADamagedBackup() throws Exception {
        Path data = Files.createDirectories(scratch.resolve("data"));
        Files.writeString(data.resolve("admin-password.bcrypt"), "$2a$10$...");
        Path source = Files.createDirectories(scratch.resolve("source"));
        Files.writeString(source.resolve("admin-password.bcrypt"), "hash");
        Files.createDirectories(source.resolve("uploads/u1"));
        byte[] photo = new byte[50_000];
        new java.util.Random(3).nextBytes(photo); // not compressible: the damage below lands in its bytes
        Files.write(source.resolve("uploads/u1/a.image"), photo);
        Path empty = Files.createDirectories(scratch.resolve("no-database"));
        Path backup = BackupArchive.write(source, empty, scratch.resolve("b.zip"), java.time.Instant.now()).file();

        assertThatThrownBy(() -> BackupArchive.restore(backup, data)).hasMessageContaining("is not empty");

        try (RandomAccessFile file = new RandomAccessFile(backup.toFile(), "rw")) {
            file.seek(200);
            file.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        Path target = scratch.resolve("target");
        assertThatThrownBy(() -> BackupArchive.restore(backup, target)).hasMessageContaining("damaged");
        assertThat(target).as("nothing restored from a damaged backup").doesNotExist();
        assertThat(scratch.resolve("target.restoring")).doesNotExist();
    }

    private static DynamoDbClient client(DynamoDbLocalSupervisor supervisor) {
        return DynamoDbClient.builder()
                .endpointProvider(parameters -> CompletableFuture.completedFuture(
                        Endpoint.builder().url(supervisor.endpoint()).build()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
