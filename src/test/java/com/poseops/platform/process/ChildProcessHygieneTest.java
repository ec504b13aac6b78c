package com.poseops.platform.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a child process inherits (only what it needs) and where its output goes (a log that rotates). */
class ChildProcessHygieneTest {

    @TempDir
    Path directory;

    @Test
    void aChildSeesNoneOfTheConsolesSecretsButWhatAJvmNeedsAndItsOwnVariables() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "env");
        Map<String, String> environment = builder.environment();
        environment.put("POSEOPS_ADMIN_PASSWORD", "s3cret");
        environment.put("AWS_SECRET_ACCESS_KEY", "abc");
        environment.put("SECURITY_USERS_0_PASSWORDHASH", "$2a$10$x");
        environment.put("INFERENCE_WORKERS", "2");
        environment.put("LC_ALL", "C.UTF-8");

        ChildEnvironment.restrict(environment, "INFERENCE_");
        Path log = directory.resolve("env.log");
        Process child = ChildLogs.start(builder, log);
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();

        Map<String, String> seen = new HashMap<>();
        Files.readAllLines(log).forEach(line -> {
            int equals = line.indexOf('=');
            if (equals > 0) {
                seen.put(line.substring(0, equals), line.substring(equals + 1));
            }
        });
        assertThat(seen).doesNotContainKeys("POSEOPS_ADMIN_PASSWORD", "AWS_SECRET_ACCESS_KEY",
                "SECURITY_USERS_0_PASSWORDHASH");
        assertThat(seen).containsEntry("INFERENCE_WORKERS", "2").containsEntry("LC_ALL", "C.UTF-8")
                .containsKey("PATH");
    }

    @Test
    void aChattyChildsLogIsRotatedIntoAFewBoundedFiles() throws Exception {
        Path log = directory.resolve("chatty.log");
        ChildLogs.Policy previous = ChildLogs.policy();
        ChildLogs.configure(new ChildLogs.Policy(64 * 1024, 3));
        try {
            // 10 bursts of ~40 KB, 2 s apart: the watcher (every 5 s) rotates as the log passes 64 KB.
            Process child = ChildLogs.start(new ProcessBuilder("sh", "-c",
                    "for i in 1 2 3 4 5 6 7 8 9 10; do yes x | head -c 40000; sleep 2; done"),
                    log);
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(ChildLogs.numbered(log, 2)));
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            ChildLogs.configure(previous);
        }
        assertThat(ChildLogs.numbered(log, 3)).as("never more than three files").doesNotExist();
        for (Path file : new Path[] {log, ChildLogs.numbered(log, 1), ChildLogs.numbered(log, 2)}) {
            assertThat(Files.size(file)).as("size of %s", file.getFileName())
                    .isLessThanOrEqualTo(64 * 1024 + 5 * 41_000);
        }
    }

    @Test
    void rotationShiftsTheOlderFilesAndDropsTheOldest() throws Exception {
        Path log = directory.resolve("x.log");
        Files.writeString(log, "newest");
        Files.writeString(ChildLogs.numbered(log, 1), "older");
        Files.writeString(ChildLogs.numbered(log, 2), "oldest");

        ChildLogs.rotate(log, 3);

        assertThat(log).isEmptyFile();
        assertThat(ChildLogs.numbered(log, 1)).hasContent("newest");
        assertThat(ChildLogs.numbered(log, 2)).hasContent("older");
        assertThat(ChildLogs.numbered(log, 3)).doesNotExist();
    }
}
