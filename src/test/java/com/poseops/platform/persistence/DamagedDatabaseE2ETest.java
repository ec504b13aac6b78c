package com.poseops.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.testsupport.PackagedApp;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when the database file is damaged (the probe wrote 4 KB of garbage into it): the packaged
 * console stops at once with one line that names the file and what to do — not a 119-line stack trace and "Status
 * 500 unknown error" — and leaves nothing running.
 */
class DamagedDatabaseE2ETest {

    @TempDir
    Path home;

    @Test
    void garbageInTheDatabaseFileStopsTheStartWithOneLineNamingTheFile() throws Exception {
        Path data = home.resolve("data");
        Path database = Files.createDirectories(data.resolve("dynamodb")).resolve("shared-local-instance.db");
        byte[] garbage = new byte[4096];
        new Random(15).nextBytes(garbage);
        try (RandomAccessFile file = new RandomAccessFile(database.toFile(), "rw")) {
            file.write(garbage);
        }
        Path stdout = home.resolve("stdout.log");
        Path stderr = home.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(PackagedApp.javaExecutable(),
                "--enable-native-access=ALL-UNNAMED", "-jar", PackagedApp.jar().toString());
        builder.directory(home.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("POSEOPS_"));
        builder.environment().put("POSEOPS_DATA_DIR", data.toString());
        builder.environment().put("POSEOPS_ADMIN_PASSWORD", "irrelevant-Pw-1");
        builder.environment().put("SERVER_PORT", "0");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process app = builder.start();

        boolean exited = app.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly();
        }
        assertThat(exited).as("the console stops by itself on a damaged database").isTrue();
        assertThat(app.exitValue()).as("exit code").isNotZero();
        List<String> errorLines = nonEmptyLines(stderr);
        assertThat(errorLines).as("stderr (stdout was: %s)", Files.readString(stdout)).hasSize(1);
        assertThat(errorLines.getFirst())
                .startsWith("PoseOps did not start: The database file " + database + " is damaged")
                .contains("Restore the data directory from a backup")
                .doesNotContain("Exception");
        assertThat(Files.readString(stdout)).as("no stack trace").doesNotContain("at com.").doesNotContain("at org.");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(data.toString())).toList()).as("processes left behind").isEmpty();
    }

    private static List<String> nonEmptyLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
