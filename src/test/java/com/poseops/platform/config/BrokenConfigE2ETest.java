package com.poseops.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.testsupport.PackagedApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator sees when config.yml holds a wrong value: the packaged console stops at once with a single line
 * that names the key, and leaves nothing running (no DynamoDB Local, no endpoint).
 */
class BrokenConfigE2ETest {

    @TempDir
    Path home;

    @Test
    void negativeInstanceCountStopsThePackagedAppWithOneLineNamingTheKey() throws Exception {
        Path config = home.resolve("config.yml");
        Files.writeString(config, """
                Instance:
                  instanceType: ml.m5.xlarge
                  instanceCount: -1
                """);
        Path stdout = home.resolve("stdout.log");
        Path stderr = home.resolve("stderr.log");
        ProcessBuilder builder = new ProcessBuilder(PackagedApp.javaExecutable(),
                "--enable-native-access=ALL-UNNAMED", "-jar", PackagedApp.jar().toString());
        builder.directory(home.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("POSEOPS_"));
        builder.environment().put("POSEOPS_CONFIG", config.toString());
        builder.environment().put("POSEOPS_DATA_DIR", home.resolve("data").toString());
        builder.environment().put("SERVER_PORT", "0");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process app = builder.start();

        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly();
        }
        assertThat(exited).as("the console stops by itself on a broken config").isTrue();
        assertThat(app.exitValue()).as("exit code").isNotZero();

        List<String> errorLines = nonEmptyLines(stderr);
        assertThat(errorLines).as("stderr (stdout was: %s)", Files.readString(stdout)).hasSize(1);
        assertThat(errorLines.getFirst())
                .contains("Instance.instanceCount")
                .contains("-1")
                .contains(config.getFileName().toString())
                .doesNotContain("Exception");
        assertThat(Files.readString(stdout)).as("nothing but the one line is printed").doesNotContain("at com.");
        assertThat(home.resolve("data").resolve("dynamodb")).as("no database was started").doesNotExist();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(home.resolve("data").toString())).toList()).as("processes left behind").isEmpty();
    }

    private static List<String> nonEmptyLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
