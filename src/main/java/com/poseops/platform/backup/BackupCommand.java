package com.poseops.platform.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * The command line of backups, run by the console's jar instead of the console:
 * <pre>
 * java -jar poseops.jar restore &lt;backup.zip&gt; [&lt;new data directory&gt;]
 * java -jar poseops.jar backup [&lt;data directory&gt;] [&lt;backup.zip&gt;]     (only while the console is stopped)
 * </pre>
 * The data directory defaults to {@code $POSEOPS_DATA_DIR}, else {@code ./data}. A running console is backed up with
 * {@code POST /actuator/backup} instead (it pauses database writes for the copy).
 */
public final class BackupCommand {

    public static final Set<String> COMMANDS = Set.of("backup", "restore");

    private BackupCommand() {
    }

    /** True when the arguments ask for one of these commands rather than for the console. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command; returns the process exit code (0 done, 1 failed, 2 usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return switch (args[0]) {
                case "restore" -> restore(args, out, err);
                case "backup" -> backup(args, out, err);
                default -> usage(err);
            };
        } catch (IOException e) {
            err.println("poseops " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int restore(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 2 || args.length > 3) {
            return usage(err);
        }
        Path backup = Path.of(args[1]).toAbsolutePath();
        Path target = (args.length == 3 ? Path.of(args[2]) : defaultDataDirectory()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(backup)) {
            err.println("poseops restore: " + backup + " is not a file.");
            return 1;
        }
        int files = BackupArchive.restore(backup, target);
        out.println("Restored " + files + " files from " + backup + " into " + target + ". Start the console with "
                + "POSEOPS_DATA_DIR=" + target + ".");
        return 0;
    }

    private static int backup(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length > 3) {
            return usage(err);
        }
        Path dataDirectory = (args.length >= 2 ? Path.of(args[1]) : defaultDataDirectory()).toAbsolutePath()
                .normalize();
        Path database = dataDirectory.resolve(BackupArchive.DATABASE_DIR);
        if (consoleRuns(database)) {
            err.println("poseops backup: a console is running on " + dataDirectory + "; back it up with "
                    + "`curl -u admin:… -X POST http://<host>:<port>/actuator/backup` instead (that pauses its writes "
                    + "for the copy).");
            return 1;
        }
        Path target = args.length == 3 ? Path.of(args[2]).toAbsolutePath()
                : dataDirectory.resolve("backups").resolve("poseops-backup-offline-" + Instant.now().getEpochSecond()
                        + ".zip");
        Path copy = Files.createTempDirectory("poseops-backup-");
        try {
            BackupService.copyDatabase(database, copy);
            BackupArchive.Summary summary = BackupArchive.write(dataDirectory, copy, target, Instant.now());
            out.println("Wrote " + summary.file() + " (" + summary.files() + " files, " + summary.bytes()
                    + " bytes).");
            return 0;
        } finally {
            BackupArchive.deleteTree(copy);
        }
    }

    /** A DynamoDB Local of a running console leaves its pid file while it lives. */
    private static boolean consoleRuns(Path databaseDirectory) throws IOException {
        Path pidFile = databaseDirectory.resolve("dynamodb-local.pid");
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        String pid = Files.readString(pidFile).trim();
        return pid.matches("\\d{1,10}") && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive)
                .orElse(false);
    }

    private static Path defaultDataDirectory() {
        String configured = System.getenv("POSEOPS_DATA_DIR");
        return Path.of(configured == null || configured.isBlank() ? "data" : configured);
    }

    private static int usage(PrintStream err) {
        err.println("usage: java -jar poseops.jar restore <backup.zip> [<new data directory>]");
        err.println("       java -jar poseops.jar backup [<data directory>] [<backup.zip>]   (console stopped)");
        return 2;
    }
}
