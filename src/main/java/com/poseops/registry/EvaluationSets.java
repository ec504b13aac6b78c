package com.poseops.registry;

import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.datasets.LabelledImages;
import com.poseops.platform.config.EvaluationSettings;
import com.poseops.platform.persistence.ConsoleSettings;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which labelled images versions are evaluated on: the dataset chosen on the Models page (kept in the console
 * settings, so it survives restarts), else the {@code Evaluation} section of config.yml (the default set), else none.
 */
public class EvaluationSets {

    static final String SETTING_KEY = "registry.evaluationDataset";

    /**
     * The set in use.
     *
     * @param label     what to call it on the page, e.g. "dataset holdout (2 labelled images)"
     * @param datasetId the dataset, or null for the set of config.yml
     */
    public record Choice(String label, @Nullable String datasetId) {
    }

    private final ConsoleSettings settings;
    private final DatasetService datasets;
    private final EvaluationSettings configured;

    public EvaluationSets(ConsoleSettings settings, DatasetService datasets, EvaluationSettings configured) {
        this.settings = settings;
        this.datasets = datasets;
        this.configured = configured;
    }

    public Optional<Choice> current() {
        Optional<Dataset> chosen = settings.find(SETTING_KEY).flatMap(s -> datasets.find(s.value()));
        if (chosen.isPresent()) {
            Dataset dataset = chosen.get();
            return Optional.of(new Choice("dataset " + dataset.name() + " (" + dataset.labelledCount()
                    + " labelled images)", dataset.id()));
        }
        if (configured.enabled()) {
            return Optional.of(new Choice("Evaluation.imagesDir " + configured.imagesDirectory() + " ("
                    + configured.images().size() + " labelled images, config.yml)", null));
        }
        return Optional.empty();
    }

    /**
     * The images of a choice.
     *
     * @throws IllegalArgumentException when they cannot be read (the message says why)
     */
    LabelledImages load(Choice choice) {
        return choice.datasetId() == null ? EvaluationSet.fromSettings(configured)
                : datasets.labelledImages(choice.datasetId());
    }

    /**
     * The content hashes (SHA-256) of the labelled images of a choice, to tell when training images overlap them.
     *
     * @throws IllegalArgumentException when they cannot be read
     */
    java.util.Set<String> hashes(Choice choice) {
        if (choice.datasetId() != null) {
            return datasets.labelledHashes(choice.datasetId());
        }
        java.util.Set<String> hashes = new java.util.LinkedHashSet<>();
        for (LabelledImages.Item item : load(choice).items()) {
            hashes.add(java.util.HexFormat.of().formatHex(
                    com.poseops.inference.engine.ModelFile.newSha256().digest(item.bytes().read())));
        }
        return hashes;
    }

    /**
     * Makes a dataset the evaluation set (the caller checks the role and audits).
     *
     * @throws IllegalArgumentException when there is no such dataset
     */
    Dataset choose(String datasetId, String by) {
        Dataset dataset = datasets.find(datasetId).orElseThrow(() -> new IllegalArgumentException(
                "There is no dataset " + datasetId + "; choose one from the Datasets page."));
        if (dataset.labelledCount() == 0) {
            throw new IllegalArgumentException("Dataset " + dataset.name() + " has no labelled image.");
        }
        settings.put(SETTING_KEY, dataset.id(), by);
        return dataset;
    }
}
