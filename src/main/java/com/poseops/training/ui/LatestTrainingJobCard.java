package com.poseops.training.ui;

import com.poseops.platform.ui.components.EmptyState;
import com.poseops.platform.ui.components.LiveUpdates;
import com.poseops.platform.ui.components.OverviewCard;
import com.poseops.registry.ui.ModelLinks;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import java.util.Optional;

/**
 * Overview card: the newest training job — its status as the Training page shows it, who started it and why, its
 * duration and final metrics, and the version it produced — linking to the job's page. Kept current by the console's
 * one training monitor (pushed while the job runs).
 */
@org.springframework.stereotype.Component
class LatestTrainingJobCard implements OverviewCard {

    private final TrainingService service;

    LatestTrainingJobCard(TrainingService service) {
        this.service = service;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String title() {
        return "Latest training job";
    }

    @Override
    public String page() {
        return "training";
    }

    @Override
    public String id() {
        return "latest-training";
    }

    @Override
    public Component create() {
        return new Content();
    }

    private final class Content extends Div {

        Content() {
            setId("latest-training");
            render(service.latest());
            LiveUpdates.subscribe(this, ui -> service.onUpdate(update -> ui.access(() -> render(service.latest()))));
        }

        private void render(Optional<TrainingJob> latest) {
            removeAll();
            if (latest.isEmpty()) {
                add(EmptyState.of("No training jobs yet.", "A DEPLOYER starts one on the Training page with a "
                        + "labelled dataset (upload one on the Datasets page); the trained model becomes a Pending "
                        + "version."));
                return;
            }
            TrainingJob job = latest.get();
            RouterLink name = new RouterLink(job.name(), TrainingJobView.class, TrainingJobView.parameters(job.name()));
            name.setId("latest-training-job");
            Div first = new Div(name, new Span(" "), JobText.status(job));
            Div second = new Div(new Span("Started by " + job.startedBy() + " at " + JobText.TIME.format(
                    job.createdAt()) + ", " + JobText.duration(job) + (job.reason().isBlank() ? "" : ": "
                    + job.reason())));
            add(first, second);
            String metrics = JobText.finalMetrics(job);
            if (!metrics.isEmpty()) {
                add(new Div(new Span("Final metrics: " + metrics)));
            }
            if (job.producedVersion() != null) {
                Anchor version = new Anchor(ModelLinks.version(job.producedVersion()), "v" + job.producedVersion());
                version.getElement().setAttribute("router-link", true);
                version.setId("latest-training-version");
                add(new Div(new Span("Produced "), version));
            }
        }
    }
}
