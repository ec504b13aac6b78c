package com.poseops.training.ui;

import com.poseops.platform.ui.components.Tone;
import com.poseops.platform.ui.components.TonedText;
import com.poseops.datasets.Dataset;
import com.poseops.inference.training.Hyperparameters;
import com.poseops.registry.ModelVersion;
import com.poseops.training.StartRequest;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingRefusedException;
import com.poseops.training.TrainingService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;

/**
 * Start a job: why, the datasets of the train and validation channels, the model to calibrate, the hyperparameters
 * (each with its default and what it does; the service checks them with the trainer's own rules), the instance type
 * (aws mode) and the maximum runtime. Warns when training images are also validation or evaluation images.
 */
class StartTrainingDialog extends Dialog {

    /** The base-model choice "the model serving now" (local mode), besides the registry versions. */
    static final int SERVING = 0;

    private final TrainingService service;
    private final TextArea reason = new TextArea("Why");
    private final Select<Dataset> train = new Select<>();
    private final Select<Dataset> validation = new Select<>();
    private final Select<Integer> base = new Select<>();
    private final Map<String, TextField> hyperparameters = new LinkedHashMap<>();
    private final TextField instanceType = new TextField("Instance type");
    private final IntegerField maxRuntime = new IntegerField("Max runtime (s)");
    private final Div warnings = new Div();
    private final Div errors = new Div();

    StartTrainingDialog(TrainingService service, Consumer<TrainingJob> onStarted) {
        this.service = service;
        setId("start-training-dialog");
        setHeaderTitle("Start a training job");
        setWidth("min(52rem, 95vw)");
        reason.setId("training-reason");
        reason.setRequired(true);
        reason.setHelperText("Kept with the job and in the audit log (SageMaker records only the role).");
        reason.setWidthFull();
        List<Dataset> datasets = service.datasets();
        train.setId("train-dataset");
        train.setLabel("Train channel (dataset)");
        train.setItems(datasets);
        train.setItemLabelGenerator(d -> d.name() + " — " + d.labelledCount() + " labelled images");
        train.setEmptySelectionAllowed(false);
        validation.setId("validation-dataset");
        validation.setLabel("Validation channel (dataset)");
        validation.setItems(datasets);
        validation.setEmptySelectionAllowed(true);
        validation.setEmptySelectionCaption("None (no early stopping)");
        validation.setItemLabelGenerator(d -> d == null ? "None (no early stopping)"
                : d.name() + " — " + d.labelledCount() + " labelled images");
        train.addValueChangeListener(change -> showWarnings());
        validation.addValueChangeListener(change -> showWarnings());
        base.setId("base-model");
        base.setLabel("Model to calibrate");
        List<Integer> choices = new ArrayList<>();
        Map<Integer, String> labels = new LinkedHashMap<>();
        if (service.canCalibrateServingModel()) {
            choices.add(SERVING);
            labels.put(SERVING, "The model serving now");
        }
        for (ModelVersion version : service.baseVersions()) {
            choices.add(version.version());
            labels.put(version.version(), "Version " + version.version() + " (" + version.status().name()
                    .toLowerCase(java.util.Locale.ROOT) + ")");
        }
        base.setItems(choices);
        base.setItemLabelGenerator(labels::get);
        if (!choices.isEmpty()) {
            base.setValue(choices.getFirst());
        }
        if (!datasets.isEmpty()) {
            train.setValue(datasets.getFirst());
        }

        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32rem", 2));
        form.add(reason, 2);
        form.add(train, validation, base);
        for (Hyperparameters.Definition definition : service.hyperparameters()) {
            TextField field = new TextField(definition.name());
            field.setId("hp-" + definition.name());
            field.setPlaceholder(definition.defaultValue());
            field.setHelperText(definition.description() + " Default " + definition.defaultValue() + ".");
            hyperparameters.put(definition.name(), field);
            form.add(field);
        }
        instanceType.setId("training-instance-type");
        instanceType.setValue(service.settings().instanceType());
        instanceType.setVisible(!service.runsLocally());
        maxRuntime.setId("training-max-runtime");
        maxRuntime.setMin(60);
        maxRuntime.setMax(service.settings().maxRuntimeSeconds());
        maxRuntime.setValue(service.settings().maxRuntimeSeconds());
        maxRuntime.setHelperText("At most " + service.settings().maxRuntimeSeconds() + " s (Training.maxRuntimeSeconds); "
                + "the job is stopped after it.");
        form.add(instanceType, maxRuntime);
        warnings.setId("training-warnings");
        TonedText.apply(warnings, Tone.WARNING);
        errors.setId("training-errors");
        TonedText.apply(errors, Tone.ERROR);
        add(form, warnings, errors);

        Button start = new Button("Start", click -> start(onStarted));
        start.setId("confirm-training");
        start.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), start);
        showWarnings();
    }

    private void showWarnings() {
        warnings.removeAll();
        Dataset trainSet = train.getValue();
        Dataset validationSet = validation.getValue();
        List<String> found = service.overlapWarnings(trainSet == null ? null : trainSet.id(),
                validationSet == null ? null : validationSet.id());
        if (!found.isEmpty()) {
            UnorderedList list = new UnorderedList();
            found.forEach(w -> list.add(new ListItem(w)));
            warnings.add(new Span("Warning:"), list);
        }
    }

    private void start(Consumer<TrainingJob> onStarted) {
        errors.removeAll();
        Map<String, String> values = new LinkedHashMap<>();
        hyperparameters.forEach((name, field) -> {
            if (!field.getValue().isBlank()) {
                values.put(name, field.getValue());
            }
        });
        Dataset trainSet = train.getValue();
        Dataset validationSet = validation.getValue();
        Integer baseChoice = base.getValue();
        try {
            TrainingJob job = service.start(new StartRequest(reason.getValue(), values,
                    trainSet == null ? "" : trainSet.id(), validationSet == null ? null : validationSet.id(),
                    baseChoice == null || baseChoice == SERVING ? null : baseChoice,
                    service.runsLocally() ? null : instanceType.getValue(),
                    maxRuntime.getValue() == null ? 0 : maxRuntime.getValue()));
            close();
            onStarted.accept(job);
        } catch (IllegalArgumentException | TrainingRefusedException | AccessDeniedException e) {
            errors.add(new Span(e.getMessage()));
        }
    }

    // ---- for tests ----

    @Nullable TextField hyperparameter(String name) {
        return hyperparameters.get(name);
    }
}
