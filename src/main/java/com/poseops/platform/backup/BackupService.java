package com.poseops.platform.backup;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.DatabaseWriteGate;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up local-mode data while the console runs: database writes pause (at most {@link #PAUSE_LIMIT}) while the
 * database files are copied, so the copy is consistent; then the copy and the rest of the data directory are zipped
 * into {@code <dataDir>/backups/}. ADMIN only, audited ({@code backup.create}).
 */
public class BackupService {

    public static final String ACTION = "backup.create";
    static final String TARGET = "data-directory";
    static final Duration PAUSE_LIMIT = Duration.ofMinutes(2);
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(BackupService.class);

    private final DataDirectory dataDirectory;
    private final DatabaseWriteGate writeGate;
    private final Authorization authorization;
    private final AuditLog auditLog;
    private final Clock clock;

    public BackupService(DataDirectory dataDirectory, DatabaseWriteGate writeGate, Authorization authorization,
            AuditLog auditLog, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.writeGate = writeGate;
        this.authorization = authorization;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Writes a backup and returns what it holds; the file is {@code <dataDir>/backups/poseops-backup-<time>.zip}. */
    public BackupArchive.Summary create() throws IOException {
        CurrentUser admin = authorization.require(Role.ADMIN, ACTION, TARGET);
        Path root = dataDirectory.root();
        Instant now = clock.instant();
        Path target = root.resolve("backups").resolve("poseops-backup-" + NAME_TIME.format(now) + ".zip");
        Path copy = root.resolve(DataDirectory.TEMP).resolve("backup-" + UUID.randomUUID());
        try {
            dataDirectory.requireSpace();
            Files.createDirectories(copy);
            long started = System.nanoTime();
            writeGate.exclusively(PAUSE_LIMIT, () -> copyDatabase(root.resolve(BackupArchive.DATABASE_DIR), copy));
            log.info("Copied the database for a backup with writes paused for {} ms",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            BackupArchive.Summary summary = BackupArchive.write(root, copy, target, now);
            auditLog.record(admin.username(), ACTION, TARGET, Outcome.SUCCESS, target.getFileName() + ": "
                    + summary.files() + " files, " + summary.bytes() + " bytes");
            return summary;
        } catch (Exception e) {
            auditLog.record(admin.username(), ACTION, TARGET, Outcome.FAILURE, String.valueOf(e.getMessage()));
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getMessage(), e);
        } finally {
            BackupArchive.deleteTree(copy);
        }
    }

    /** The database file and its journal/WAL files, if any (with no write in flight, they are consistent). */
    static Void copyDatabase(Path databaseDirectory, Path copy) throws IOException {
        if (!Files.isDirectory(databaseDirectory)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(databaseDirectory)) {
            files = listed.filter(file -> file.getFileName().toString().endsWith(".db")
                    || file.getFileName().toString().contains(".db-")).toList();
        }
        for (Path file : files) {
            Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return null;
    }
}
