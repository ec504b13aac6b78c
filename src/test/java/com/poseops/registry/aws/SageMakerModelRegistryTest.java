package com.poseops.registry.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.persistence.MissingResourcesException;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.Decision;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.ModelVersionNotFoundException;
import com.poseops.registry.ModelVersionPage;
import com.poseops.registry.NewModelVersion;
import com.poseops.registry.VersionAlreadyDecidedException;
import com.poseops.testsupport.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;

/** {@link SageMakerModelRegistry} against a real moto server: every SageMaker and S3 call it makes. */
class SageMakerModelRegistryTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String GROUP = "hp-prediction-models";
    private static final String BUCKET = "mlops-pipeline-hp-estimation";
    private static final EndpointConfigSettings ENDPOINT_CONFIG = new EndpointConfigSettings("hp-prediction-model",
            "hp-prediction-config", "hp-prediction-endpoint", "arn:aws:iam::123456789012:role/poseops-sagemaker-execution",
            GROUP);
    private static final InferenceConfigSettings INFERENCE_CONFIG = new InferenceConfigSettings("hp-inferencing-container");
    private static final S3Settings S3_CONFIG = new S3Settings(BUCKET, "inputdata/", "hp/", "realtime/", "prediction/",
            "model/", "endpoint/data_capture", "endpoint/tensors");
    /** SageMaker's patterns for the fields the adapter fills with free text. */
    private static final Pattern ENTITY_DESCRIPTION = Pattern.compile("[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*");
    private static final Pattern APPROVAL_DESCRIPTION = Pattern.compile(".*");
    private static final Pattern METADATA_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}");

    @TempDir
    Path temp;

    private SageMakerModelRegistry registry;
    private SageMakerClient rawSageMaker;
    private S3Client rawS3;
    private int modelCounter;

    @BeforeEach
    void setUp() {
        moto.reset();
        registry = registry(true);
        rawSageMaker = moto.awsClients().build(SageMakerClient.builder());
        rawS3 = moto.awsClients().build(S3Client.builder());
    }

    @AfterEach
    void tearDown() {
        registry.close();
        rawSageMaker.close();
        rawS3.close();
    }

    @Test
    void registerCreatesTheGroupAndAPendingVersionWithMetricsRegisteredByAndArtifact() throws Exception {
        byte[] model = fakeModel(70_001);
        ModelVersion registered = registry.register(new NewModelVersion(write(model), "Lightning int8, letterboxed",
                "alice", Map.of("mAP", "57.4", "latencyMs", "13")));

        assertThat(registered.version()).isEqualTo(1);
        assertThat(registered.id()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:model-package/" + GROUP + "/1");
        assertThat(registered.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(registered.registeredBy()).isEqualTo("alice");
        assertThat(registered.description()).isEqualTo("Lightning int8, letterboxed");
        assertThat(registered.metrics()).containsExactly(Map.entry("latencyMs", "13"), Map.entry("mAP", "57.4"));
        assertThat(registered.approvalDescription()).isNull();
        assertThat(registered.modelSha256()).isEqualTo(sha256(model));
        assertThat(registered.artifactUri()).matches("s3://" + BUCKET + "/model/[0-9a-f-]{36}/model\\.tar\\.gz");
        assertThat(registered.createdAt()).isNotNull();

        DescribeModelPackageResponse raw = rawDescribe(1);
        assertThat(raw.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.PENDING_MANUAL_APPROVAL);
        assertThat(raw.modelPackageGroupName()).isEqualTo(GROUP);
        assertThat(raw.customerMetadataProperties())
                .containsEntry("poseops.registeredBy", "alice")
                .containsEntry("metric.mAP", "57.4")
                .containsEntry("poseops.modelSha256", sha256(model));
        ModelPackageContainerDefinition container = raw.inferenceSpecification().containers().getFirst();
        assertThat(container.image()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/hp-inferencing-container:latest");
        assertThat(container.modelDataUrl()).isEqualTo(registered.artifactUri());
        assertThat(raw.inferenceSpecification().supportedContentTypes()).containsExactly("image/jpeg", "image/png");
        assertThat(raw.inferenceSpecification().supportedResponseMIMETypes()).containsExactly("application/json");
        assertThat(rawSageMaker.describeModelPackageGroup(r -> r.modelPackageGroupName(GROUP)).modelPackageGroupArn())
                .endsWith(":model-package-group/" + GROUP);

        ModelVersionPage page = registry.list(10, null);
        assertThat(page.items()).containsExactly(registered);
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void theArtifactIsAValidTarGzHoldingExactlyTheModelBytes() throws Exception {
        byte[] model = fakeModel(100_003); // not a multiple of tar's 512-byte blocks
        ModelVersion registered = registry.register(new NewModelVersion(write(model), "", "alice", Map.of()));

        String key = registered.artifactUri().substring(("s3://" + BUCKET + "/").length());
        List<String> keys = rawS3.listObjectsV2(r -> r.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
        assertThat(keys).containsExactly(key);
        Path archive = temp.resolve("downloaded.tar.gz");
        Files.write(archive, rawS3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray());

        // Read back with GNU tar, not with our own code.
        String listing = new String(run("tar", "-tvzf", archive.toString()), StandardCharsets.UTF_8).strip();
        assertThat(listing.lines()).hasSize(1);
        assertThat(listing).contains(" 100003 ").endsWith(" model.tflite").startsWith("-rw-r--r--");
        assertThat(run("tar", "-xzOf", archive.toString(), "model.tflite")).isEqualTo(model);
    }

    @Test
    void listsNewestFirstPageByPage() throws Exception {
        for (int i = 1; i <= 5; i++) {
            registry.register(new NewModelVersion(write(fakeModel(1000 + i)), "candidate " + i, "alice", Map.of()));
        }

        List<List<Integer>> pages = new ArrayList<>();
        String token = null;
        do {
            ModelVersionPage page = registry.list(2, token);
            pages.add(page.items().stream().map(ModelVersion::version).toList());
            token = page.nextToken();
        } while (token != null && pages.size() < 10);

        assertThat(pages).containsExactly(List.of(5, 4), List.of(3, 2), List.of(1));
        assertThat(registry.list(2, null).items()).extracting(ModelVersion::description)
                .containsExactly("candidate 5", "candidate 4");
        assertThatThrownBy(() -> registry.list(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.list(101, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsAVersionByNumber() throws Exception {
        registry.register(new NewModelVersion(write(fakeModel(10)), "first", "alice", Map.of()));
        registry.register(new NewModelVersion(write(fakeModel(11)), "second", "bob", Map.of()));

        assertThat(registry.find(2)).get().satisfies(found -> {
            assertThat(found.description()).isEqualTo("second");
            assertThat(found.registeredBy()).isEqualTo("bob");
        });
        assertThat(registry.find(3)).isEmpty();
        assertThat(registry.find(0)).isEmpty();
    }

    @Test
    void findsVersionsOfAGroupWithUpperCaseLetters() throws Exception {
        EndpointConfigSettings mixedCase = new EndpointConfigSettings("m", "c", "e", ENDPOINT_CONFIG.roleArn(),
                "HP-Prediction-Models");
        try (SageMakerModelRegistry other = new SageMakerModelRegistry(moto.awsClients(), moto.awsSettings(true),
                mixedCase, INFERENCE_CONFIG, S3_CONFIG)) {
            ModelVersion registered = other.register(new NewModelVersion(write(fakeModel(10)), "x", "alice", Map.of()));

            assertThat(other.find(1)).contains(registered);
            assertThat(other.decide(1, Decision.approve("alice", "")).status()).isEqualTo(ApprovalStatus.APPROVED);
        }
    }

    @Test
    void updatingMetricsAddsAndReplacesAndKeepsTheRest() throws Exception {
        registry.register(new NewModelVersion(write(fakeModel(10)), "first", "alice", Map.of("mAP", "57.4", "epochs", "40")));

        ModelVersion updated = registry.updateMetrics(1, Map.of("mAP", "58.1", "p90LatencyMs", "15.2"));

        assertThat(updated.metrics()).containsExactly(Map.entry("epochs", "40"), Map.entry("mAP", "58.1"),
                Map.entry("p90LatencyMs", "15.2"));
        assertThat(updated.registeredBy()).isEqualTo("alice");
        assertThat(updated.modelSha256()).isNotNull();
        assertThat(updated.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(rawDescribe(1).modelApprovalStatus()).isEqualTo(ModelApprovalStatus.PENDING_MANUAL_APPROVAL);
        assertThat(rawDescribe(1).customerMetadataProperties()).containsEntry("metric.p90LatencyMs", "15.2");
        assertThatThrownBy(() -> registry.updateMetrics(1, Map.of("accuracy", "57.4%")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accuracy");
    }

    @Test
    void approvingRecordsTheUserAndCommentInSageMaker() throws Exception {
        registry.register(new NewModelVersion(write(fakeModel(10)), "first", "carol", Map.of("mAP", "57.4")));

        ModelVersion approved = registry.decide(1, Decision.approve("alice", "looks good"));

        assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
        DescribeModelPackageResponse raw = rawDescribe(1);
        assertThat(raw.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
        assertThat(raw.approvalDescription()).isEqualTo("approved by alice: looks good");
        // The decision must not wipe what was registered (moto replaces the metadata on every update).
        assertThat(raw.customerMetadataProperties()).containsEntry("poseops.registeredBy", "carol")
                .containsEntry("metric.mAP", "57.4");
    }

    @Test
    void rejectingRecordsTheUserAndComment() throws Exception {
        registry.register(new NewModelVersion(write(fakeModel(10)), "first", "carol", Map.of()));

        ModelVersion rejected = registry.decide(1, Decision.reject("bob", "ankles drift on image2"));

        assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(rejected.approvalDescription()).isEqualTo("rejected by bob: ankles drift on image2");
        DescribeModelPackageResponse raw = rawDescribe(1);
        assertThat(raw.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.REJECTED);
        assertThat(raw.approvalDescription()).isEqualTo("rejected by bob: ankles drift on image2");
    }

    @Test
    void decidingTwiceIsRefusedAndDoesNotOverwriteTheFirstDecision() throws Exception {
        registry.register(new NewModelVersion(write(fakeModel(10)), "first", "carol", Map.of()));
        registry.decide(1, Decision.approve("alice", "ok"));

        assertThatThrownBy(() -> registry.decide(1, Decision.reject("mallory", "changed my mind")))
                .isInstanceOfSatisfying(VersionAlreadyDecidedException.class, refused -> {
                    assertThat(refused.version()).isEqualTo(1);
                    assertThat(refused.status()).isEqualTo(ApprovalStatus.APPROVED);
                    assertThat(refused.approvalDescription()).isEqualTo("approved by alice: ok");
                    assertThat(refused.getMessage()).contains("already approved");
                });
        assertThatThrownBy(() -> registry.decide(1, Decision.approve("bob", "again")))
                .isInstanceOf(VersionAlreadyDecidedException.class);

        DescribeModelPackageResponse raw = rawDescribe(1);
        assertThat(raw.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
        assertThat(raw.approvalDescription()).isEqualTo("approved by alice: ok");
    }

    @Test
    void updatingMetricsAfterTheDecisionKeepsTheDecision() throws Exception {
        registry.register(new NewModelVersion(write(fakeModel(10)), "first", "carol", Map.of()));
        registry.decide(1, Decision.reject("bob", "too slow"));

        ModelVersion updated = registry.updateMetrics(1, Map.of("latencyMs", "90"));

        assertThat(updated.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(updated.metrics()).containsEntry("latencyMs", "90");
        DescribeModelPackageResponse raw = rawDescribe(1);
        assertThat(raw.modelApprovalStatus()).isEqualTo(ModelApprovalStatus.REJECTED);
        assertThat(raw.approvalDescription()).isEqualTo("rejected by bob: too slow");
    }

    @Test
    void aMissingVersionCannotBeDecidedOrUpdated() throws Exception {
        registry.register(new NewModelVersion(write(fakeModel(10)), "first", "carol", Map.of()));

        assertThatThrownBy(() -> registry.decide(7, Decision.approve("alice", "")))
                .isInstanceOfSatisfying(ModelVersionNotFoundException.class,
                        missing -> assertThat(missing.version()).isEqualTo(7))
                .hasMessageContaining("Model version 7 does not exist");
        assertThatThrownBy(() -> registry.updateMetrics(7, Map.of("mAP", "1")))
                .isInstanceOf(ModelVersionNotFoundException.class);
    }

    @Test
    void aMissingGroupWithoutCreateResourcesIsAClearErrorAndUploadsNothing() throws Exception {
        try (SageMakerModelRegistry strict = registry(false)) {
            rawS3.createBucket(r -> r.bucket(BUCKET));
            Path model = write(fakeModel(10));

            assertThatThrownBy(() -> strict.list(10, null))
                    .isInstanceOf(MissingResourcesException.class)
                    .hasMessageContaining("'" + GROUP + "'")
                    .hasMessageContaining("EndpointConfig.modelPackageGroupName")
                    .hasMessageContaining("POSEOPS_AWS_CREATE_RESOURCES=true");
            assertThatThrownBy(() -> strict.register(new NewModelVersion(model, "x", "alice", Map.of())))
                    .isInstanceOf(MissingResourcesException.class);
            assertThat(rawS3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).isEmpty();
            assertThat(rawSageMaker.listModelPackageGroups(r -> { }).modelPackageGroupSummaryList()).isEmpty();
        }
    }

    @Test
    void aMissingBucketWithoutCreateResourcesIsAClearErrorAndRegistersNothing() throws Exception {
        rawSageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(GROUP));
        try (SageMakerModelRegistry strict = registry(false)) {
            assertThatThrownBy(() -> strict.register(new NewModelVersion(write(fakeModel(10)), "x", "alice", Map.of())))
                    .isInstanceOf(MissingResourcesException.class)
                    .hasMessageContaining("'" + BUCKET + "'")
                    .hasMessageContaining("S3Config.bucketName");
            assertThat(strict.list(10, null).items()).isEmpty();
        }
    }

    @Test
    void hostileTextIsStoredSafelyAndShortenedWhereTheApiLimits() throws Exception {
        String hostile = "Line one\nLine two\r\n\tTabbed \u0000NUL\u0007bell \u2028sep é ü 中文 עברית 😀 <b>&amp;</b> "
                .repeat(100);
        assertThat(hostile.length()).isGreaterThan(5000);

        ModelVersion registered = registry.register(
                new NewModelVersion(write(fakeModel(10)), hostile, "eve (ops)\n<script>", Map.of()));
        ModelVersion approved = registry.decide(1, Decision.approve("alice", hostile));

        DescribeModelPackageResponse raw = rawDescribe(1);
        String description = raw.modelPackageDescription();
        assertThat(description).hasSizeLessThanOrEqualTo(1024).matches(ENTITY_DESCRIPTION)
                .startsWith("Line one Line two Tabbed NUL bell sep é ü 中文 עברית 😀 <b>&amp;</b> Line one")
                .endsWith("…");
        assertThat(registered.description()).isEqualTo(description);
        assertThat(raw.customerMetadataProperties().get("poseops.registeredBy")).matches(METADATA_VALUE)
                .isEqualTo("eve _ops___script_");

        String approval = raw.approvalDescription();
        assertThat(approval).hasSizeLessThanOrEqualTo(1024).matches(APPROVAL_DESCRIPTION)
                .startsWith("approved by alice: Line one Line two Tabbed NUL").endsWith("…");
        assertThat(approved.approvalDescription()).isEqualTo(approval);
        assertThat(noLoneSurrogates(description)).isTrue();
        assertThat(noLoneSurrogates(approval)).isTrue();
    }

    // ---- helpers ----

    private SageMakerModelRegistry registry(boolean createResources) {
        return new SageMakerModelRegistry(moto.awsClients(), moto.awsSettings(createResources), ENDPOINT_CONFIG,
                INFERENCE_CONFIG, S3_CONFIG);
    }

    private DescribeModelPackageResponse rawDescribe(int version) {
        return rawSageMaker.describeModelPackage(r -> r.modelPackageName(
                "arn:aws:sagemaker:us-east-1:123456789012:model-package/" + GROUP + "/" + version));
    }

    /** Bytes shaped like a .tflite (FlatBuffer with the TFL3 identifier); the registry does not look inside. */
    private byte[] fakeModel(int size) {
        byte[] bytes = new byte[size];
        new Random(size * 31L + modelCounter++).nextBytes(bytes);
        if (size >= 8) {
            System.arraycopy("TFL3".getBytes(StandardCharsets.US_ASCII), 0, bytes, 4, 4);
        }
        return bytes;
    }

    private Path write(byte[] model) throws IOException {
        Path file = Files.createTempFile(temp, "movenet-", ".tflite");
        Files.write(file, model);
        return file;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static boolean noLoneSurrogates(@Nullable String text) {
        return text != null && text.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
    }

    private static byte[] run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out.toByteArray();
    }
}
