package com.poseops.training.ui;

import com.poseops.registry.ui.ModelLinks;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.training.TrainingBackend;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingJobStore;
import com.poseops.training.TrainingMonitor;
import com.poseops.training.TrainingService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Training jobs: name, status (and SageMaker's secondary status), who started it, when, how long, key
 * hyperparameters, final metrics and the model version it produced. Pushed live by the console's one training monitor.
 * DEPLOYERs start jobs; anyone can pick two or more and compare their runs.
 */
@Route("training")
@PageTitle("Training · PoseOps")
@Menu(order = 20, title = "Training", icon = "vaadin:chart-line")
@PermitAll
class TrainingView extends VerticalLayout {

    private final TrainingService service;
    private final Grid<TrainingJob> grid = new Grid<>();
    private final Button compare = new Button("Compare runs");
    private final Button more = new Button("Load more");
    private final Grid<TrainingBackend.JobSummary> external = new Grid<>();
    private final List<TrainingJob> jobs = new ArrayList<>();
    /** Jobs are one row each by name, so that a pushed update replaces its row and keeps the selection. */
    private final ListDataProvider<TrainingJob> rows = new ListDataProvider<>(jobs) {
        @Override
        public Object getId(TrainingJob job) {
            return job.name();
        }
    };
    private @Nullable String nextToken;
    private @Nullable Runnable subscription;

    TrainingView(TrainingService service) {
        this.service = service;
        CurrentUser user = CurrentUser.get();
        setSizeFull();

        Button start = new Button("Start training", click -> new StartTrainingDialog(service, job ->
                UI.getCurrentOrThrow().navigate(TrainingJobView.class, TrainingJobView.parameters(job.name()))).open());
        start.setId("start-training");
        start.addThemeVariants(ButtonVariant.PRIMARY);
        start.setVisible(user.has(Role.DEPLOYER));
        compare.setId("compare-runs");
        compare.setEnabled(false);
        compare.addClickListener(click -> UI.getCurrentOrThrow().navigate(CompareRunsView.class,
                CompareRunsView.query(grid.getSelectedItems().stream().map(TrainingJob::name).toList())));
        more.setId("load-more-jobs");
        more.addThemeVariants(ButtonVariant.TERTIARY);
        more.addClickListener(click -> load(nextToken));

        grid.setId("training-jobs");
        grid.setItems(rows);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addComponentColumn(job -> new RouterLink(job.name(), TrainingJobView.class,
                TrainingJobView.parameters(job.name()))).setHeader("Job").setAutoWidth(true).setFlexGrow(1);
        grid.addComponentColumn(JobText::status).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TrainingJob::startedBy).setHeader("Started by").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(job -> JobText.TIME.format(job.createdAt())).setHeader("Started").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(JobText::duration).setHeader("Duration").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(JobText::keyHyperparameters).setHeader("Hyperparameters").setAutoWidth(true);
        grid.addColumn(JobText::finalMetrics).setHeader("Final metrics").setAutoWidth(true);
        grid.addComponentColumn(TrainingView::versionLink).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No training jobs yet. A DEPLOYER starts one with \"Start training\" (it needs a "
                + "labelled dataset, see the Datasets page).");
        grid.setHeight("24rem");
        grid.addSelectionListener(selection -> compare.setEnabled(selection.getAllSelectedItems().size() >= 2));

        external.setId("external-jobs");
        external.addColumn(TrainingBackend.JobSummary::name).setHeader("Job").setAutoWidth(true);
        external.addColumn(s -> s.status().label()).setHeader("Status").setAutoWidth(true);
        external.addColumn(s -> JobText.TIME.format(s.createdAt())).setHeader("Created").setAutoWidth(true);
        external.setAllRowsVisible(true);
        List<TrainingBackend.JobSummary> others = service.runsLocally() ? List.of() : service.externalJobs(50);
        external.setItems(others);
        H3 externalTitle = new H3("Other jobs in SageMaker (not started through PoseOps)");
        externalTitle.setVisible(!others.isEmpty());
        external.setVisible(!others.isEmpty());

        Paragraph intro = new Paragraph("Each job calibrates the keypoint confidence of a MoveNet model on a labelled "
                + "dataset (" + (service.runsLocally() ? "a process on this machine" : "a SageMaker training job")
                + "); a completed job becomes a Pending model version on the Models page.");
        add(new H2("Training"), intro, new HorizontalLayout(start, compare), grid, more, externalTitle, external);
        load(null);
    }

    static Anchor versionLink(TrainingJob job) {
        if (job.producedVersion() == null) {
            Anchor none = new Anchor();
            none.setText(job.registrationNote() != null ? "not registered" : "");
            return none;
        }
        Anchor link = new Anchor(ModelLinks.version(job.producedVersion()), "v" + job.producedVersion());
        link.getElement().setAttribute("router-link", true);
        link.getElement().setAttribute("data-version", Integer.toString(job.producedVersion()));
        return link;
    }

    private void load(@Nullable String token) {
        if (token == null) {
            jobs.clear();
        }
        TrainingJobStore.Page page = service.list(token);
        jobs.addAll(page.jobs());
        nextToken = page.nextToken();
        more.setVisible(nextToken != null);
        rows.refreshAll();
    }

    private void onUpdate(TrainingMonitor.Update update) {
        TrainingJob changed = update.job();
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).name().equals(changed.name())) {
                jobs.set(i, changed);
                rows.refreshItem(changed);
                return;
            }
        }
        load(null); // a job this page has not seen: started elsewhere
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        subscription = service.onUpdate(update -> ui.access(() -> onUpdate(update)));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.run();
            subscription = null;
        }
        super.onDetach(detachEvent);
    }

    // ---- for tests ----

    Grid<TrainingJob> grid() {
        return grid;
    }
}
