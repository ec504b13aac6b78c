package com.poseops.registry.local;

import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.tools.ModelArchive;
import com.poseops.platform.persistence.AtomicFiles;
import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.SortableInstant;
import com.poseops.platform.persistence.TableDefinition;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.Decision;
import com.poseops.registry.HeadlineMetrics;
import com.poseops.registry.ModelRegistry;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.ModelVersionNotFoundException;
import com.poseops.registry.ModelVersionPage;
import com.poseops.registry.NewModelVersion;
import com.poseops.registry.TrainedModel;
import com.poseops.registry.VersionAlreadyDecidedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The model registry of local mode: one item per version in the DynamoDB table {@code <prefix>model-versions}
 * (partition = the model package group name, as in aws mode), the model file at
 * {@code <dataDir>/models/registry/<uuid>/model.tflite} — with a trained version's other files (its
 * {@code calibration.json}) beside it, where a local endpoint serving it finds them. Version numbers are handed out by a conditional put (the
 * next free number wins; a concurrent registration retries with the one after), and every change of a version is
 * an optimistic-locked put, so that concurrent writers never overwrite each other.
 */
public final class LocalModelRegistry implements ModelRegistry {

    public static final TableDefinition<ModelVersionItem> TABLE =
            new TableDefinition<>("model-versions", TableSchema.fromBean(ModelVersionItem.class), List.of());

    static final String MODEL_FILE_NAME = "model.tflite";
    /** A trained artifact larger than this unpacked is not a MoveNet model with its calibration. */
    private static final long MAX_ARTIFACT_BYTES = 1024L * 1024 * 1024;
    private static final int MAX_ATTEMPTS = 50;
    private static final Logger log = LoggerFactory.getLogger(LocalModelRegistry.class);

    private final DynamoDbTable<ModelVersionItem> table;
    private final String group;
    private final Path modelsDirectory;
    private final Clock clock;

    /**
     * @param group           the registry's name (EndpointConfig.modelPackageGroupName)
     * @param modelsDirectory where the model files go ({@code <dataDir>/models/registry})
     */
    public LocalModelRegistry(DynamoDbTables tables, String group, Path modelsDirectory, Clock clock) {
        this.table = tables.table(TABLE);
        this.group = group;
        this.modelsDirectory = modelsDirectory;
        this.clock = clock;
    }

    @Override
    public ModelVersionPage list(int pageSize, @Nullable String pageToken) {
        ModelRegistry.checkPageSize(pageSize);
        QueryEnhancedRequest.Builder query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(group).build()))
                .scanIndexForward(false)
                .limit(pageSize);
        if (pageToken != null && !pageToken.isBlank()) {
            int after;
            try {
                after = Integer.parseInt(pageToken.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a page token of this registry: " + pageToken);
            }
            query.exclusiveStartKey(Map.of("group", AttributeValue.fromS(group),
                    "version", AttributeValue.fromN(Integer.toString(after))));
        }
        Page<ModelVersionItem> page = table.query(query.build()).iterator().next();
        List<ModelVersion> items = page.items().stream().map(LocalModelRegistry::toModelVersion).toList();
        Map<String, AttributeValue> last = page.lastEvaluatedKey();
        String next = last == null || last.isEmpty() || !last.containsKey("version") ? null : last.get("version").n();
        return new ModelVersionPage(items, next);
    }

    @Override
    public Optional<ModelVersion> find(int version) {
        return Optional.ofNullable(item(version)).map(LocalModelRegistry::toModelVersion);
    }

    @Override
    public ModelVersion register(NewModelVersion newVersion) {
        Path source = newVersion.modelFile();
        ModelRegistry.checkReadable(source);
        Path stored = store(source);
        return add(stored, newVersion.description(), newVersion.registeredBy(), newVersion.metrics(), null);
    }

    /**
     * The job's {@code model.tar.gz} (as SageMaker would have packed it) is unpacked into the version's own folder:
     * model.tflite with its calibration.json beside it.
     */
    @Override
    public ModelVersion registerTrained(TrainedModel trained) {
        Path artifact = Path.of(trained.artifact());
        ModelRegistry.checkReadable(artifact);
        Path directory = modelsDirectory.resolve(UUID.randomUUID().toString());
        try {
            ModelArchive.extract(artifact, directory, MAX_ARTIFACT_BYTES);
        } catch (IOException e) {
            deleteQuietly(directory.resolve(MODEL_FILE_NAME));
            throw new UncheckedIOException("Could not unpack " + artifact + " into the registry: " + e.getMessage(), e);
        }
        Path model = directory.resolve(MODEL_FILE_NAME);
        if (!Files.isRegularFile(model)) {
            deleteQuietly(model);
            throw new UncheckedIOException(new IOException("The job's artifact holds no " + MODEL_FILE_NAME
                    + " at its top level, so it is not a model version."));
        }
        return add(model, trained.description(), trained.registeredBy(), Map.of(), trained.jobName());
    }

    @Override
    public Path fetch(int version, Path directory) {
        ModelVersionItem item = require(version);
        Path stored = Path.of(URI.create(item.getArtifactUri()));
        try (Stream<Path> files = Files.list(stored.getParent())) {
            Files.createDirectories(directory);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, directory.resolve(file.getFileName().toString()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read version " + version + " at " + stored + ": "
                    + e.getMessage(), e);
        }
        return directory.resolve(stored.getFileName().toString());
    }

    /** Adds the version whose model file is already stored; the next free number wins. */
    private ModelVersion add(Path stored, String description, String registeredBy, Map<String, String> metrics,
            @Nullable String sourceJob) {
        String sha256;
        try {
            sha256 = ModelFile.sha256(stored);
        } catch (IOException e) {
            deleteQuietly(stored);
            throw new UncheckedIOException("Could not read the stored model " + stored + ": " + e.getMessage(), e);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ModelVersionItem item = new ModelVersionItem();
            item.setGroup(group);
            item.setVersion(highestVersion() + 1);
            item.setCreatedAt(SortableInstant.format(clock.instant()));
            item.setRegisteredBy(registeredBy);
            item.setDescription(description);
            item.setStatus(ApprovalStatus.PENDING.name());
            item.setMetrics(new HashMap<>(metrics));
            item.setArtifactUri(stored.toUri().toString());
            item.setModelSha256(sha256);
            item.setSourceJob(sourceJob);
            try {
                table.putItem(item); // revision null: the version extension adds attribute_not_exists
                log.info("Registered local model version {}/{} ({})", group, item.getVersion(), stored);
                return toModelVersion(item);
            } catch (ConditionalCheckFailedException taken) {
                // another registration took this number in the meantime: try the next one
            }
        }
        deleteQuietly(stored);
        throw new IllegalStateException("Could not find a free version number after " + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public ModelVersion updateMetrics(int version, Map<String, String> metrics) {
        Map<String, String> checked = HeadlineMetrics.checked(metrics);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ModelVersionItem item = require(version);
            Map<String, String> merged = new HashMap<>(item.getMetrics());
            merged.putAll(checked);
            item.setMetrics(merged);
            try {
                table.putItem(item);
                return toModelVersion(item);
            } catch (ConditionalCheckFailedException changed) {
                // changed by someone else since we read it: read again
            }
        }
        throw new IllegalStateException("Version " + version + " kept changing; metrics not saved");
    }

    @Override
    public ModelVersion decide(int version, Decision decision) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ModelVersionItem item = require(version);
            ApprovalStatus status = ApprovalStatus.valueOf(item.getStatus());
            if (status.isDecided()) {
                throw new VersionAlreadyDecidedException(version, status, item.getApprovalDescription());
            }
            item.setStatus(decision.outcome().name());
            item.setApprovalDescription(decision.summary());
            try {
                table.putItem(item);
                return toModelVersion(item);
            } catch (ConditionalCheckFailedException changed) {
                // changed since we read it (a metrics update, or a decision): read again and re-check
            }
        }
        throw new IllegalStateException("Version " + version + " kept changing; decision not saved");
    }

    private int highestVersion() {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(group).build()))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true)
                .build();
        for (ModelVersionItem item : table.query(query).items()) {
            return item.getVersion();
        }
        return 0;
    }

    private @Nullable ModelVersionItem item(int version) {
        if (version < 1) {
            return null;
        }
        return table.getItem(r -> r.key(Key.builder().partitionValue(group).sortValue(version).build())
                .consistentRead(true));
    }

    private ModelVersionItem require(int version) {
        ModelVersionItem item = item(version);
        if (item == null) {
            throw new ModelVersionNotFoundException(version, "the local registry " + group);
        }
        return item;
    }

    /** Copies the model next to the others under a fresh name; the copy appears complete or not at all. */
    private Path store(Path source) {
        Path directory = modelsDirectory.resolve(UUID.randomUUID().toString());
        Path target = directory.resolve(MODEL_FILE_NAME);
        try {
            Files.createDirectories(directory);
            try (InputStream content = Files.newInputStream(source)) {
                AtomicFiles.write(target, content);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the model under " + modelsDirectory + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path stored) {
        if (!Files.isDirectory(stored.getParent())) {
            return;
        }
        try (Stream<Path> files = Files.list(stored.getParent())) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(stored.getParent());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", stored, e.getMessage());
        }
    }

    private static ModelVersion toModelVersion(ModelVersionItem item) {
        return new ModelVersion(item.getVersion(), item.getGroup() + "/" + item.getVersion(),
                SortableInstant.parse(item.getCreatedAt()), item.getRegisteredBy(), item.getDescription(),
                ApprovalStatus.valueOf(item.getStatus()), item.getMetrics(), item.getArtifactUri(),
                item.getApprovalDescription(), item.getModelSha256(), item.getSourceJob());
    }
}
