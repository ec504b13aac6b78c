package com.poseops.training;

import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.inference.training.Hyperparameters;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.inference.training.TrainingFailure;
import com.poseops.inference.training.TrainingPaths;
import com.poseops.platform.config.TrainingSettings;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.registry.ServingModel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a start request into a job: checks every value (hyperparameters with the trainer's own rules, the datasets,
 * the model to calibrate, instance type and runtime) and resolves the channels to where the backend reads them —
 * local folders and files in local mode, S3 URIs in aws mode.
 */
final class JobPlanner {

    static final int MAX_REASON = 500;
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DatasetService datasets;
    private final RegistryService registry;
    private final TrainingSettings settings;
    private final boolean local;
    private final Clock clock;

    JobPlanner(DatasetService datasets, RegistryService registry, TrainingSettings settings, boolean local,
            Clock clock) {
        this.datasets = datasets;
        this.registry = registry;
        this.settings = settings;
        this.local = local;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException naming the value that is wrong and what it accepts */
    TrainingJob plan(StartRequest request, String startedBy) {
        String reason = request.reason() == null ? "" : request.reason().strip().replaceAll("\\p{Cntrl}", " ");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("Say why you start this job (the reason is kept with it).");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("The reason has " + reason.length() + " characters; at most "
                    + MAX_REASON + " are kept.");
        }
        Map<String, String> hyperparameters = hyperparameters(request.hyperparameters());
        if (request.maxRuntimeSeconds() < 60 || request.maxRuntimeSeconds() > settings.maxRuntimeSeconds()) {
            throw new IllegalArgumentException("Max runtime must be 60 to " + settings.maxRuntimeSeconds()
                    + " seconds (Training.maxRuntimeSeconds), not " + request.maxRuntimeSeconds() + ".");
        }
        String instanceType = request.instanceType() == null || request.instanceType().isBlank()
                ? settings.instanceType() : request.instanceType().strip();
        if (!instanceType.matches("ml\\.[a-z0-9]+\\.[a-z0-9]+")) {
            throw new IllegalArgumentException("Instance type " + instanceType + " is not a SageMaker instance type "
                    + "like ml.m5.large.");
        }
        List<JobChannel> channels = new ArrayList<>();
        channels.add(datasetChannel(TrainingPaths.TRAIN, request.trainDatasetId()));
        if (request.validationDatasetId() != null && !request.validationDatasetId().isBlank()) {
            channels.add(datasetChannel(TrainingPaths.VALIDATION, request.validationDatasetId()));
        }
        channels.add(modelChannel(request.baseVersion()));
        return new TrainingJob(newName(), startedBy, reason, clock.instant(), hyperparameters, channels,
                local ? "local" : instanceType, request.maxRuntimeSeconds(), TrainerMetrics.DEFINITIONS,
                new JobProgress(TrainingStatus.IN_PROGRESS, "Starting", List.of(), Map.of(), null, null, null, null),
                List.of(), null, null);
    }

    /** The values as SageMaker passes them (strings), every one checked; blanks take the default. */
    static Map<String, String> hyperparameters(Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Hyperparameters.Definition definition : Hyperparameters.DEFINITIONS) {
            String raw = given.get(definition.name());
            String value = raw == null || raw.isBlank() ? definition.defaultValue() : raw.strip();
            try {
                Hyperparameters.check(definition, value);
            } catch (TrainingFailure e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            values.put(definition.name(), value);
        }
        for (String name : given.keySet()) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("Unknown hyperparameter " + name + ".");
            }
        }
        return values;
    }

    private JobChannel datasetChannel(String channel, String datasetId) {
        if (datasetId == null || datasetId.isBlank()) {
            throw new IllegalArgumentException("Choose the dataset of the " + channel + " channel.");
        }
        Dataset dataset = datasets.find(datasetId).orElseThrow(() -> new IllegalArgumentException(
                "There is no dataset " + datasetId + " for the " + channel + " channel."));
        if (dataset.labelledCount() == 0) {
            throw new IllegalArgumentException("Dataset " + dataset.name() + " has no labelled image.");
        }
        boolean s3 = dataset.location().startsWith("s3://");
        if (s3 == local) {
            throw new IllegalArgumentException("Dataset " + dataset.name() + " is stored at " + dataset.location()
                    + ", which " + (local ? "local" : "aws") + " mode's jobs cannot read.");
        }
        return new JobChannel(channel, dataset.id(), dataset.name() + " (" + dataset.labelledCount()
                + " labelled images)", dataset.location());
    }

    /** The model to calibrate: a registry version's artifact, or (local mode) the model serving now. */
    private JobChannel modelChannel(Integer baseVersion) {
        if (baseVersion == null) {
            if (!local) {
                throw new IllegalArgumentException("Choose the model version to calibrate.");
            }
            ServingModel.Served served = registry.servingModel().filter(s -> s.localFile() != null)
                    .orElseThrow(() -> new IllegalArgumentException("No model serves yet; choose a registered version "
                            + "to calibrate."));
            return new JobChannel(TrainingPaths.MODEL, null, "serving model " + served.label(),
                    served.localFile().toString());
        }
        ModelVersion version = registry.describe(baseVersion).orElseThrow(() -> new IllegalArgumentException(
                "There is no model version " + baseVersion + "."));
        String uri = version.artifactUri();
        if (local) {
            Optional<Path> file = uri.startsWith("file:") ? Optional.of(Path.of(URI.create(uri))) : Optional.empty();
            return new JobChannel(TrainingPaths.MODEL, null, "version " + version.version(), file.orElseThrow(
                    () -> new IllegalArgumentException("Version " + baseVersion + " has no local model file.")).toString());
        }
        if (!uri.startsWith("s3://")) {
            throw new IllegalArgumentException("Version " + baseVersion + " has no model artifact in S3 (" + uri + ").");
        }
        return new JobChannel(TrainingPaths.MODEL, null, "version " + version.version(), uri);
    }

    /** {@code poseops-calibration-<utc time>-<4 hex>}: unique, and a valid SageMaker job name. */
    private String newName() {
        byte[] random = new byte[2];
        new java.security.SecureRandom().nextBytes(random);
        return "poseops-calibration-" + NAME_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }
}
