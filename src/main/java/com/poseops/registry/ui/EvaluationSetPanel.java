package com.poseops.registry.ui;

import com.poseops.platform.persistence.TempFiles;
import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.datasets.ui.UploadDatasetDialog;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.EmptyState;
import com.poseops.registry.EvaluationSets;
import com.poseops.registry.RegistryService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;

/**
 * Which labelled images the versions are evaluated on, on the Models page. A DEPLOYER uploads a labelled set here (it
 * becomes the evaluation set and every version without metrics is evaluated on it) or picks a dataset; without any set
 * the panel says exactly how to get one, so that a fresh install shows metrics without editing config.yml.
 */
class EvaluationSetPanel extends Div {

    static final String HOW_TO_CONFIGURE = "Or set Evaluation.imagesDir (a folder of images), Evaluation.truthCsv (a "
            + "pose_landmark_truth.csv in it) and Evaluation.images (the image of each CSV row) in config.yml and "
            + "restart — see README.md, \"Models\".";

    private final RegistryService registry;
    private final DatasetService datasets;
    private final TempFiles tempFiles;
    private final Runnable onChanged;
    private final boolean deployer = CurrentUser.get().has(Role.DEPLOYER);

    EvaluationSetPanel(RegistryService registry, DatasetService datasets, TempFiles tempFiles, Runnable onChanged) {
        this.tempFiles = tempFiles;
        this.registry = registry;
        this.datasets = datasets;
        this.onChanged = onChanged;
        setId("evaluation-set");
        refresh();
    }

    void refresh() {
        removeAll();
        Optional<EvaluationSets.Choice> current = registry.evaluationSet();
        List<Dataset> all = datasets.list();
        Button upload = new Button("Upload labelled set", click -> new UploadDatasetDialog(datasets, tempFiles, this::choose)
                .open());
        upload.setId("upload-evaluation-set");
        upload.setVisible(deployer);
        Select<Dataset> choice = new Select<>();
        choice.setId("evaluation-dataset");
        choice.setPlaceholder("Choose a dataset");
        choice.setItems(all);
        choice.setItemLabelGenerator(d -> d.name() + " (" + d.labelledCount() + " labelled)");
        choice.setVisible(deployer && !all.isEmpty());
        current.map(EvaluationSets.Choice::datasetId).flatMap(id -> all.stream().filter(d -> d.id().equals(id))
                .findFirst()).ifPresent(choice::setValue);
        choice.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                choose(change.getValue());
            }
        });
        if (current.isPresent()) {
            Span label = new Span("Evaluated on: " + current.get().label());
            label.setId("evaluation-set-label");
            HorizontalLayout row = new HorizontalLayout(label, choice, upload);
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
            row.setWrap(true);
            add(row);
            return;
        }
        String todo = deployer
                ? "Upload a labelled set — a .zip of JPEG/PNG images plus a truth CSV (with an image column) or a "
                + "COCO keypoints JSON: it becomes the evaluation set and every version is evaluated on it. "
                + (all.isEmpty() ? "" : "Or choose one of the datasets. ") + HOW_TO_CONFIGURE
                : "A DEPLOYER uploads a labelled set here (a .zip of images plus truth keypoints). " + HOW_TO_CONFIGURE;
        HorizontalLayout actions = new HorizontalLayout(upload, choice);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        EmptyState empty = EmptyState.of("No evaluation set yet, so versions get no metrics.", todo)
                .withIds("evaluation-set-missing", "evaluation-set-how");
        empty.add(actions);
        add(empty);
    }

    private void choose(Dataset dataset) {
        try {
            int queued = registry.chooseEvaluationSet(dataset.id());
            Notification.show("Versions are now evaluated on " + dataset.name() + (queued > 0 ? "; evaluating "
                    + queued + " version(s) without metrics." : "."), 6000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.SUCCESS);
        } catch (IllegalArgumentException | AccessDeniedException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.ERROR);
        }
        refresh();
        onChanged.run();
    }
}
