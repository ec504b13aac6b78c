package com.poseops.registry.aws;

import com.poseops.inference.tools.ModelArchive;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.aws.InferenceImage;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.persistence.MissingResourcesException;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.Decision;
import com.poseops.registry.HeadlineMetrics;
import com.poseops.registry.ModelRegistry;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.ModelVersionNotFoundException;
import com.poseops.registry.ModelVersionPage;
import com.poseops.registry.NewModelVersion;
import com.poseops.registry.VersionAlreadyDecidedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageGroupStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;

/**
 * The model registry on SageMaker Model Registry: one model package group ({@code EndpointConfig.modelPackageGroupName})
 * whose versioned model packages are the model versions, with each artifact as
 * {@code s3://<S3Config.bucketName>/<S3Config.modelDir><uuid>/model.tar.gz}.
 * <p>
 * Where things are kept on a model package:
 * <ul>
 * <li>description → {@code ModelPackageDescription} (its pattern admits punctuation, which metadata values do not);</li>
 * <li>headline metrics → {@code CustomerMetadataProperties} {@code metric.<name>}; the registering user →
 * {@code poseops.registeredBy}; the model's SHA-256 → {@code poseops.modelSha256};</li>
 * <li>the decision → {@code ModelApprovalStatus} and {@code ApprovalDescription} ("approved by alice: looks good").</li>
 * </ul>
 * The inference image is {@code <account>.dkr.ecr.<region>.amazonaws.com/<InferenceConfig.ecrInferenceImageName>:latest},
 * with the account taken from the group's ARN: that is the account the registry (and, by our CloudFormation, the ECR
 * repository) lives in, known without an STS call and without another config key.
 * <p>
 * Every {@code UpdateModelPackage} re-sends the approval status, approval description and the whole metadata map:
 * moto replaces all three on every update (SageMaker changes only what is sent), and sending the current values is
 * correct for both.
 */
public final class SageMakerModelRegistry implements ModelRegistry, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SageMakerModelRegistry.class);

    static final String METRIC_PREFIX = "metric.";
    static final String REGISTERED_BY = "poseops.registeredBy";
    static final String MODEL_SHA256 = "poseops.modelSha256";
    static final String ARTIFACT_NAME = "model.tar.gz";
    /** SageMaker's limit on CustomerMetadataProperties entries. */
    private static final int MAX_METADATA_ENTRIES = 50;

    private final SageMakerClient sageMaker;
    private final S3Client s3;
    private final Region region;
    private final boolean createResources;
    private final String groupName;
    private final String imageRepository;
    private final S3Settings s3Settings;
    /** One decision or metrics update at a time per version in this process: SageMaker has no conditional update. */
    private final Map<Integer, Object> versionLocks = new ConcurrentHashMap<>();
    private volatile @Nullable GroupRef group;
    private volatile boolean bucketChecked;

    public SageMakerModelRegistry(AwsClients aws, AwsSettings awsSettings, EndpointConfigSettings endpointConfig,
            InferenceConfigSettings inferenceConfig, S3Settings s3Settings) {
        this.sageMaker = aws.build(SageMakerClient.builder());
        this.s3 = aws.build(S3Client.builder());
        this.region = aws.region();
        this.createResources = awsSettings.createResources();
        this.groupName = endpointConfig.modelPackageGroupName();
        this.imageRepository = inferenceConfig.ecrInferenceImageName();
        this.s3Settings = s3Settings;
    }

    @Override
    public ModelVersionPage list(int pageSize, @Nullable String pageToken) {
        ModelRegistry.checkPageSize(pageSize);
        group();
        ListModelPackagesResponse page = sageMaker.listModelPackages(request -> request
                .modelPackageGroupName(groupName)
                .sortBy(ModelPackageSortBy.CREATION_TIME)
                .sortOrder(SortOrder.DESCENDING)
                .maxResults(pageSize)
                .nextToken(pageToken == null || pageToken.isBlank() ? null : pageToken));
        // The summaries lack metrics and artifact, so each version is described (≤ pageSize calls).
        List<ModelVersion> items = new ArrayList<>();
        for (ModelPackageSummary summary : page.modelPackageSummaryList()) {
            describe(summary.modelPackageArn()).map(SageMakerModelRegistry::toModelVersion).ifPresent(items::add);
        }
        String next = page.nextToken();
        return new ModelVersionPage(items, next == null || next.isEmpty() ? null : next);
    }

    @Override
    public Optional<ModelVersion> find(int version) {
        if (version < 1) {
            return Optional.empty();
        }
        return describeVersion(version).map(SageMakerModelRegistry::toModelVersion);
    }

    @Override
    public ModelVersion register(NewModelVersion newVersion) {
        Path modelFile = newVersion.modelFile();
        ModelRegistry.checkReadable(modelFile);
        GroupRef groupRef = group();
        ensureBucket();
        String uploadId = UUID.randomUUID().toString();
        String key = S3Settings.key(s3Settings.modelDir(), uploadId + "/" + ARTIFACT_NAME);
        String artifactUri = "s3://" + s3Settings.bucketName() + "/" + key;
        String sha256 = upload(modelFile, key);

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(REGISTERED_BY, SageMakerText.metadataValue(newVersion.registeredBy()));
        metadata.put(MODEL_SHA256, sha256);
        newVersion.metrics().forEach((name, value) -> metadata.put(METRIC_PREFIX + name, value));
        String arn;
        try {
            arn = sageMaker.createModelPackage(request -> request
                    .modelPackageGroupName(groupName)
                    .modelPackageDescription(SageMakerText.description(newVersion.description()))
                    .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                    .customerMetadataProperties(metadata)
                    // The same token on an SDK retry makes SageMaker return the version it already created.
                    .clientToken(uploadId)
                    .inferenceSpecification(spec -> spec
                            .containers(ModelPackageContainerDefinition.builder()
                                    .image(inferenceImage(groupRef.accountId()))
                                    .modelDataUrl(artifactUri)
                                    .build())
                            .supportedContentTypes("image/jpeg", "image/png")
                            .supportedResponseMIMETypes("application/json")))
                    .modelPackageArn();
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
        log.info("Registered model version {} ({}) by {}", arn, artifactUri,
                SageMakerText.metadataValue(newVersion.registeredBy())); // no line breaks from user input in the log
        return describe(arn).map(SageMakerModelRegistry::toModelVersion)
                .orElseThrow(() -> new IllegalStateException("SageMaker created " + arn + " but cannot describe it"));
    }

    @Override
    public ModelVersion updateMetrics(int version, Map<String, String> metrics) {
        Map<String, String> checked = HeadlineMetrics.checked(metrics);
        synchronized (lockFor(version)) {
            DescribeModelPackageResponse current = require(version);
            Map<String, String> metadata = new LinkedHashMap<>(current.customerMetadataProperties());
            checked.forEach((name, value) -> metadata.put(METRIC_PREFIX + name, value));
            if (metadata.size() > MAX_METADATA_ENTRIES) {
                throw new IllegalArgumentException("Version " + version + " would have " + metadata.size()
                        + " metadata entries; SageMaker keeps at most " + MAX_METADATA_ENTRIES);
            }
            sageMaker.updateModelPackage(updateOf(current).customerMetadataProperties(metadata).build());
            return toModelVersion(require(version));
        }
    }

    @Override
    public ModelVersion decide(int version, Decision decision) {
        synchronized (lockFor(version)) {
            DescribeModelPackageResponse current = require(version);
            ApprovalStatus status = toStatus(current.modelApprovalStatus());
            if (status.isDecided()) {
                throw new VersionAlreadyDecidedException(version, status, current.approvalDescription());
            }
            sageMaker.updateModelPackage(updateOf(current)
                    .modelApprovalStatus(decision.outcome() == ApprovalStatus.APPROVED
                            ? ModelApprovalStatus.APPROVED : ModelApprovalStatus.REJECTED)
                    .approvalDescription(SageMakerText.description(decision.summary()))
                    .build());
            log.info("Model version {} {}", current.modelPackageArn(),
                    SageMakerText.metadataValue(decision.outcome().name() + " by " + decision.decidedBy()));
            return toModelVersion(require(version));
        }
    }

    @Override
    public void close() {
        sageMaker.close();
        s3.close();
    }

    // ---- group, bucket, artifact ----

    /**
     * @param packageArnPrefixes where version ARNs start: SageMaker lower-cases the group name in them (moto does);
     *                           should an account keep the case, the name as configured is tried second
     */
    private record GroupRef(String arn, String accountId, List<String> packageArnPrefixes) {
    }

    private GroupRef group() {
        GroupRef known = group;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (group == null) {
                DescribeModelPackageGroupResponse described = describeGroup();
                if (described == null && createResources) {
                    createGroup();
                    described = describeGroup();
                }
                if (described == null) {
                    throw new MissingResourcesException("The SageMaker model package group '" + groupName
                            + "' (EndpointConfig.modelPackageGroupName) does not exist in " + region
                            + ". Create it (infra/cloudformation), or start with POSEOPS_AWS_CREATE_RESOURCES=true to let "
                            + "PoseOps create it.");
                }
                group = toGroupRef(described.modelPackageGroupArn());
            }
            return group;
        }
    }

    private @Nullable DescribeModelPackageGroupResponse describeGroup() {
        try {
            DescribeModelPackageGroupResponse response =
                    sageMaker.describeModelPackageGroup(request -> request.modelPackageGroupName(groupName));
            return response.modelPackageGroupStatus() == ModelPackageGroupStatus.DELETING ? null : response;
        } catch (AwsServiceException e) {
            if (isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private void createGroup() {
        try {
            sageMaker.createModelPackageGroup(request -> request.modelPackageGroupName(groupName)
                    .modelPackageGroupDescription("MoveNet pose model versions registered by PoseOps"));
            log.info("Created SageMaker model package group {}", groupName);
        } catch (AwsServiceException e) {
            if (!isAlreadyExists(e)) {
                throw e; // another instance may have created it meanwhile: that is fine
            }
        }
    }

    /** {@code …:model-package-group/NAME} → account and {@code …:model-package/name/}. */
    private static GroupRef toGroupRef(String groupArn) {
        String[] parts = groupArn.split(":", 6);
        int slash = groupArn.indexOf(":model-package-group/");
        if (parts.length < 6 || slash < 0) {
            throw new IllegalStateException("Unexpected model package group ARN from SageMaker: " + groupArn);
        }
        String name = groupArn.substring(slash + ":model-package-group/".length());
        String base = groupArn.substring(0, slash) + ":model-package/";
        List<String> prefixes = List.of(base + name.toLowerCase(Locale.ROOT) + "/", base + name + "/")
                .stream().distinct().toList();
        return new GroupRef(groupArn, parts[4], prefixes);
    }

    private Optional<DescribeModelPackageResponse> describeVersion(int version) {
        for (String prefix : group().packageArnPrefixes()) {
            Optional<DescribeModelPackageResponse> found = describe(prefix + version);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private String inferenceImage(String accountId) {
        return InferenceImage.uri(accountId, region, imageRepository);
    }

    private void ensureBucket() {
        if (bucketChecked || !createResources) {
            return; // without createResources a missing bucket shows up, with a clear message, on the upload
        }
        String bucket = s3Settings.bucketName();
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            createBucket(bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            createBucket(bucket);
        }
        bucketChecked = true;
    }

    private void createBucket(String bucket) {
        try {
            s3.createBucket(request -> {
                request.bucket(bucket);
                if (!Region.US_EAST_1.equals(region)) { // us-east-1 refuses an explicit location constraint
                    request.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region.id())));
                }
            });
            log.info("Created S3 bucket {}", bucket);
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!"BucketAlreadyOwnedByYou".equals(code)) {
                throw e;
            }
        }
    }

    /** Packs and uploads the model; returns the SHA-256 of the .tflite. */
    private String upload(Path modelFile, String key) {
        Path archive = null;
        try {
            archive = Files.createTempFile("poseops-model-", ".tar.gz");
            String sha256 = ModelArchive.write(modelFile, archive);
            Path body = archive;
            s3.putObject(request -> request.bucket(s3Settings.bucketName()).key(key)
                    .contentType("application/gzip")
                    .metadata(Map.of("model-sha256", sha256)), RequestBody.fromFile(body));
            return sha256;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not pack " + modelFile + " as " + ARTIFACT_NAME + ": " + e.getMessage(), e);
        } catch (NoSuchBucketException e) {
            throw new MissingResourcesException("The S3 bucket '" + s3Settings.bucketName()
                    + "' (S3Config.bucketName) does not exist in this account. Create it (infra/cloudformation), or start "
                    + "with POSEOPS_AWS_CREATE_RESOURCES=true to let PoseOps create it.");
        } finally {
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException e) {
                    log.warn("Could not delete temporary archive {}: {}", archive, e.getMessage());
                }
            }
        }
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(request -> request.bucket(s3Settings.bucketName()).key(key));
        } catch (RuntimeException e) {
            log.warn("Could not delete the orphaned artifact s3://{}/{}: {}", s3Settings.bucketName(), key, e.getMessage());
        }
    }

    // ---- model packages ----

    private Object lockFor(int version) {
        return versionLocks.computeIfAbsent(version, v -> new Object());
    }

    private DescribeModelPackageResponse require(int version) {
        return describeVersion(version).orElseThrow(() -> new ModelVersionNotFoundException(version,
                "the SageMaker model package group " + groupName));
    }

    private Optional<DescribeModelPackageResponse> describe(String arn) {
        try {
            return Optional.of(sageMaker.describeModelPackage(request -> request.modelPackageName(arn)));
        } catch (AwsServiceException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * An update of {@code current} that re-sends its approval status, approval description and metadata (see the class
     * comment: moto drops what is not sent); the caller replaces what the update is about.
     */
    private static UpdateModelPackageRequest.Builder updateOf(DescribeModelPackageResponse current) {
        UpdateModelPackageRequest.Builder update = UpdateModelPackageRequest.builder()
                .modelPackageArn(current.modelPackageArn());
        if (current.modelApprovalStatus() != null
                && current.modelApprovalStatus() != ModelApprovalStatus.UNKNOWN_TO_SDK_VERSION) {
            update.modelApprovalStatus(current.modelApprovalStatus());
        }
        if (current.approvalDescription() != null) {
            update.approvalDescription(current.approvalDescription());
        }
        if (current.hasCustomerMetadataProperties() && !current.customerMetadataProperties().isEmpty()) {
            update.customerMetadataProperties(current.customerMetadataProperties());
        }
        return update;
    }

    static ModelVersion toModelVersion(DescribeModelPackageResponse described) {
        Map<String, String> metadata = described.hasCustomerMetadataProperties()
                ? described.customerMetadataProperties() : Map.of();
        Map<String, String> metrics = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (key.startsWith(METRIC_PREFIX) && key.length() > METRIC_PREFIX.length()) {
                metrics.put(key.substring(METRIC_PREFIX.length()), value);
            }
        });
        String registeredBy = metadata.get(REGISTERED_BY);
        if (registeredBy == null) {
            registeredBy = described.createdBy() != null && described.createdBy().userProfileName() != null
                    ? described.createdBy().userProfileName() : "unknown";
        }
        String artifactUri = "";
        if (described.inferenceSpecification() != null && described.inferenceSpecification().hasContainers()
                && !described.inferenceSpecification().containers().isEmpty()) {
            String url = described.inferenceSpecification().containers().getFirst().modelDataUrl();
            artifactUri = url == null ? "" : url;
        }
        Integer version = described.modelPackageVersion();
        return new ModelVersion(version == null ? 0 : version, described.modelPackageArn(), described.creationTime(),
                registeredBy, described.modelPackageDescription() == null ? "" : described.modelPackageDescription(),
                toStatus(described.modelApprovalStatus()), metrics, artifactUri, described.approvalDescription(),
                metadata.get(MODEL_SHA256));
    }

    /** SageMaker's default for a version created without a status is PendingManualApproval. */
    static ApprovalStatus toStatus(@Nullable ModelApprovalStatus status) {
        if (status == null) {
            return ApprovalStatus.PENDING;
        }
        return switch (status) {
            case APPROVED -> ApprovalStatus.APPROVED;
            case REJECTED -> ApprovalStatus.REJECTED;
            case PENDING_MANUAL_APPROVAL -> ApprovalStatus.PENDING;
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException(
                    "SageMaker returned an approval status this SDK does not know; upgrade the AWS SDK");
        };
    }

    /** SageMaker answers a missing resource with a ValidationException (no dedicated error code). */
    private static boolean isNotFound(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
        if ("ResourceNotFound".equals(code) || "ResourceNotFoundException".equals(code)) {
            return true;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return "ValidationException".equals(code) && (lower.contains("does not exist") || lower.contains("not found"));
    }

    private static boolean isAlreadyExists(AwsServiceException e) {
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
        return message.toLowerCase(Locale.ROOT).contains("already exist");
    }
}
