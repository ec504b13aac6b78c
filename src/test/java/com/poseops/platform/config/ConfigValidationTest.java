package com.poseops.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a Spring application the way PoseOps starts (same environment post-processor, validation listener,
 * failure analyzer and reporter) on a config.yml with one broken value, and checks the single line a person reads.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigValidationTest {

    private static final Path SEED = Path.of("config.yml");

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({InstanceSettings.class, PoseOpsSettings.class, ModelMonitoringSettings.class,
            DataCaptureSettings.class, S3Settings.class, SecuritySettings.class, AwsSettings.class})
    static class SettingsOnly {
    }

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            instanceCount: 1                 | instanceCount: -1              | Instance.instanceCount = -1       | at least 1
            instanceCount: 1                 | instanceCount: lots            | Instance.instanceCount = lots     | must be a number
            instanceCount: 1                 | instanceCount: 1000            | Instance.instanceCount = 1000     | at most 100
            instanceType: ml.m5.xlarge       | instanceType: m5.huge          | Instance.instanceType = m5.huge   | SageMaker instance type
            'mode: local '                   | 'mode: lokal '                 | PoseOps.mode = lokal              | must be one of local, aws
            'threshold: "1.0"'               | 'threshold: "fast"'            | ModelMonitoring.threshold = fast  | must be a number
            'threshold: "1.0"'               | 'threshold: "-0.5"'            | ModelMonitoring.threshold = -0.5  | greater than 0
            'enableCapture: True'            | 'enableCapture: maybe'         | DataCapture.enableCapture = maybe | true or false
            'initialSamplingPercentage: 100' | 'initialSamplingPercentage: 101' | DataCapture.initialSamplingPercentage = 101 | from 0 to 100
            'bucketName: mlops-pipeline-hp-estimation' | 'bucketName: My_Bucket' | S3Config.bucketName = My_Bucket | S3 bucket name
            'outputName: result'             | 'outputName: ""'               | ModelMonitoring.processingOutput.outputName | must not be blank
            'region: ap-south-1 '            | 'region: mars-north-1 '        | Aws.region = mars-north-1         | AWS region
            'endpoint: "" '                  | 'endpoint: "ftp://x" '         | Aws.endpoint = ftp://x            | http(s) URL
            'imagesDir: ""'                  | 'imagesDir: "/no/such/evaluation"' | Evaluation.imagesDir = /no/such/evaluation | existing folder
            'imagesDir: ""'                  | 'imagesDir: "/proc/self"'      | Evaluation.truthCsv = pose_landmark_truth.csv | readable file
            'images: [image1.png, image2.jpeg]' | 'images: []'                | Evaluation.images                 | 1 to 1000 images
            """)
    void aBrokenValueStopsTheStartWithOneLineNamingTheKey(String original, String broken, String expectedKey,
            String expectedReason, CapturedOutput output) throws IOException {
        Path config = writeConfig(seed -> {
            assertThat(seed).as("the seed config.yml contains %s", original.strip()).contains(original.strip());
            return seed.replaceFirst(java.util.regex.Pattern.quote(original.strip()), broken.strip());
        });

        assertThatThrownBy(() -> start(config)).isNotNull();

        List<String> reported = reportedLines(output);
        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst()).contains(expectedKey).contains(expectedReason).contains(config.toString());
    }

    @Test
    void anInvalidUserInTheSecuritySectionIsNamedWithItsIndex(CapturedOutput output) throws IOException {
        Path config = writeConfig(seed -> seed.replace("users: []", """
                users:
                    - username: alice
                      passwordHash: "not-a-hash"
                      roles: [APPROVER]"""));

        assertThatThrownBy(() -> start(config)).isNotNull();

        assertThat(reportedLines(output)).singleElement().asString()
                .contains("Security.users[0].passwordHash").contains("BCrypt");
    }

    @Test
    void anUnknownRoleIsRefused(CapturedOutput output) throws IOException {
        Path config = writeConfig(seed -> seed.replace("users: []", """
                users:
                    - username: alice
                      passwordHash: "{bcrypt}$2a$10$abcdefghijklmnopqrstuv0123456789012345678901234567890"
                      roles: [SUPERUSER]"""));

        assertThatThrownBy(() -> start(config)).isNotNull();

        assertThat(reportedLines(output)).singleElement().asString()
                .contains("Security.users[0].roles").contains("viewer, approver, deployer, admin");
    }

    @Test
    void aFileThatIsNotYamlIsReportedAsSuch(CapturedOutput output) throws IOException {
        Path config = directory.resolve("config.yml");
        Files.writeString(config, "Instance:\n  instanceType: [unclosed\n");

        assertThatThrownBy(() -> start(config)).isNotNull();

        assertThat(reportedLines(output)).singleElement().asString().contains("is not valid YAML");
    }

    @Test
    void aMissingConfigFileNamedByPoseOpsConfigIsReported(CapturedOutput output) {
        Path missing = directory.resolve("nowhere.yml");

        assertThatThrownBy(() -> start(missing)).isNotNull();

        assertThat(reportedLines(output)).singleElement().asString()
                .contains("POSEOPS_CONFIG points at " + missing).contains("not a readable file");
    }

    @Test
    void anEnvironmentOverrideIsValidatedLikeTheFile(CapturedOutput output) throws IOException {
        Path config = writeConfig(UnaryOperator.identity());

        assertThatThrownBy(() -> start(config, "--POSEOPS_MODE=cloud")).isNotNull();

        assertThat(reportedLines(output)).singleElement().asString()
                .contains("PoseOps.mode = cloud").contains("must be one of local, aws");
    }

    @Test
    void theSeedSectionsBindWithTheirOriginalMeaning() throws IOException {
        Path config = writeConfig(UnaryOperator.identity());

        try (ConfigurableApplicationContext context = start(config)) {
            ModelMonitoringSettings monitoring = context.getBean(ModelMonitoringSettings.class);
            assertThat(monitoring.threshold()).isEqualTo(1.0);
            assertThat(monitoring.processingOutput().mlDefaultResultSource()).isEqualTo("/opt/ml/processing/resultdata");
            assertThat(context.getBean(InstanceSettings.class).instanceCount()).isEqualTo(1);
            assertThat(context.getBean(DataCaptureSettings.class).enableCapture()).isTrue();
            assertThat(context.getBean(S3Settings.class).dataCapture()).isEqualTo("endpoint/data_capture");
            assertThat(context.getBean(PoseOpsSettings.class).mode()).isEqualTo(Mode.LOCAL);
        }
    }

    @Test
    void aPartialUserFileKeepsTheEmbeddedDefaultsForEverythingElse() throws IOException {
        Path config = directory.resolve("config.yml");
        Files.writeString(config, "Instance:\n  instanceCount: 3\n");

        try (ConfigurableApplicationContext context = start(config, "--POSEOPS_DATA_DIR=/srv/poseops")) {
            assertThat(context.getBean(InstanceSettings.class).instanceCount()).isEqualTo(3);
            assertThat(context.getBean(InstanceSettings.class).instanceType()).isEqualTo("ml.m5.xlarge");
            assertThat(context.getBean(PoseOpsSettings.class).dataDirectory()).isEqualTo(Path.of("/srv/poseops"));
        }
    }

    private Path writeConfig(UnaryOperator<String> edit) throws IOException {
        Path config = directory.resolve("config.yml");
        Files.writeString(config, edit.apply(Files.readString(SEED)));
        return config;
    }

    private static ConfigurableApplicationContext start(Path config, String... extraArgs) {
        String[] args = new String[extraArgs.length + 1];
        args[0] = "--POSEOPS_CONFIG=" + config;
        System.arraycopy(extraArgs, 0, args, 1, extraArgs.length);
        return new SpringApplicationBuilder(SettingsOnly.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args);
    }

    private static List<String> reportedLines(CapturedOutput output) {
        return output.getErr().lines().filter(line -> line.startsWith("PoseOps did not start:")).toList();
    }
}
