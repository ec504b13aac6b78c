package com.poseops.training.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.inference.training.LabelledSets;
import com.poseops.inference.training.TrainerMetrics;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.Chart;
import com.poseops.training.JobProgress;
import com.poseops.training.MetricPoint;
import com.poseops.training.StartRequest;
import com.poseops.training.StatusTransition;
import com.poseops.training.TestJobs;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingJobStore;
import com.poseops.training.TrainingService;
import com.poseops.training.TrainingStatus;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Training pages per role, without a browser: what each role sees and may do, and what the server refuses. */
@PoseOpsSpringTest
class TrainingViewTest extends SpringBrowserlessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TrainingService service;

    @Autowired
    TrainingJobStore store;

    @Autowired
    DatasetService datasets;

    @Autowired
    AuditLog auditLog;

    @TempDir
    Path temp;

    /** A finished job as the runner would have recorded it: 4 epochs of train/validation loss and ECE. */
    private TrainingJob finishedJob() {
        TrainingJob job = TestJobs.job("viewed", Map.of("epochs", "3"), temp, temp, 600);
        List<MetricPoint> points = new ArrayList<>();
        Instant at = Instant.now();
        for (int epoch = 0; epoch <= 3; epoch++) {
            for (String metric : List.of(TrainerMetrics.TRAIN_LOSS, TrainerMetrics.VALIDATION_LOSS,
                    TrainerMetrics.VALIDATION_ECE)) {
                points.add(new MetricPoint(metric, epoch, 0.5 / (epoch + 1), at.plusSeconds(epoch)));
            }
        }
        points.add(new MetricPoint(TrainerMetrics.HELD_OUT_ECE_BEFORE, 0, 0.3, at.plusSeconds(4)));
        points.add(new MetricPoint(TrainerMetrics.HELD_OUT_ECE_AFTER, 0, 0.1, at.plusSeconds(4)));
        TrainingJob finished = job.withProgress(new JobProgress(TrainingStatus.COMPLETED, "Completed",
                List.of(new StatusTransition("Starting", at, at, "s"), new StatusTransition("Completed", at, at, "c")),
                Map.of(TrainerMetrics.HELD_OUT_ECE_BEFORE, 0.3, TrainerMetrics.HELD_OUT_ECE_AFTER, 0.1), null,
                "/nowhere/model.tar.gz", at, at.plusSeconds(5)), points).withProducedVersion(null, "not registered here");
        store.create(finished);
        return finished;
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void aViewerSeesJobsAndCurvesButNoStartOrStopAndADirectStartIsRefusedAndAudited() {
        TrainingJob job = finishedJob();

        TrainingView list = navigate(TrainingView.class);
        assertThat(find(Button.class).withId("start-training").all()).as("no visible start button").isEmpty();
        assertThat(test(list.grid()).size()).isPositive();

        TrainingJobView detail = navigate("training/" + job.name(), TrainingJobView.class);
        assertThat(find(Button.class).withId("stop-training").all()).as("no visible stop button").isEmpty();
        assertThat(detail.charts()).containsOnlyKeys("loss", "ece");
        Chart loss = detail.charts().get("loss");
        JsonNode series = JSON.readTree(loss.getSeries());
        assertThat(series).extracting(s -> s.get("name").asString())
                .containsExactlyInAnyOrder(TrainerMetrics.TRAIN_LOSS, TrainerMetrics.VALIDATION_LOSS);
        assertThat(series.get(0).get("data")).hasSize(4);
        assertThat(detail.charts().get("ece").getElement().getAttribute("id")).isEqualTo("curve-ece");

        assertThatThrownBy(() -> service.start(new StartRequest("let me", Map.of(), "x", null, null, null, 600)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(auditLog.newest(AuditFilter.ALL, 20)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("vera");
            assertThat(entry.action()).isEqualTo(TrainingService.START);
            assertThat(entry.outcome()).isEqualTo(Outcome.DENIED);
        });
    }

    @Test
    @WithMockUser(username = "dora", roles = {"DEPLOYER", "VIEWER"})
    void aDeployerStartsAJobFromTheDialogAndStopsItFromItsPage() throws Exception {
        Path zip = Files.write(temp.resolve("t.zip"), LabelledSets.zip(LabelledSets.IMAGE1, LabelledSets.SQUAT));
        Dataset train = Users.as("dora", Role.DEPLOYER, () -> datasets.upload(zip, "t.zip", "dialog train"));
        navigate(TrainingView.class);
        test(find(Button.class).withId("start-training").single()).click();

        @SuppressWarnings("unchecked")
        Select<Dataset> trainSelect = find(Select.class).withId("train-dataset").single();
        trainSelect.setValue(trainSelect.getListDataView().getItems().filter(d -> d.id().equals(train.id()))
                .findFirst().orElseThrow());
        test(find(TextArea.class).withId("training-reason").single()).setValue("long run to stop");
        test(find(TextField.class).withId("hp-epochs").single()).setValue("1000");
        test(find(TextField.class).withId("hp-patience").single()).setValue("1000");
        test(find(Button.class).withId("confirm-training").single()).click();

        TrainingJobView detail = getCurrentView() instanceof TrainingJobView view ? view : null;
        assertThat(detail).as("the dialog opened the new job's page").isNotNull();
        String name = find(com.vaadin.flow.component.html.H2.class).withId("job-title").single().getText();
        TrainingJob job = store.find(name).orElseThrow();
        assertThat(job.startedBy()).isEqualTo("dora");
        assertThat(job.reason()).isEqualTo("long run to stop");
        assertThat(job.hyperparameters()).containsEntry("epochs", "1000");
        TestJobs.await(store, name, "training", j -> j.progress().secondaryStatus().equals("Training"));
        detail = navigate("training/" + name, TrainingJobView.class);
        Button stop = find(Button.class).withId("stop-training").single();
        assertThat(stop.isVisible()).isTrue();

        test(stop).click();

        TrainingJob stopped = TestJobs.awaitEnd(store, name);
        assertThat(stopped.status()).isEqualTo(TrainingStatus.STOPPED);
        assertThat(auditLog.history(TrainingService.target(name), 10)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("dora");
            assertThat(entry.action()).isEqualTo(TrainingService.STOP);
            assertThat(entry.outcome()).isEqualTo(Outcome.SUCCESS);
        });
        navigate("training/" + name, TrainingJobView.class);
        assertThat(find(Button.class).withId("stop-training").all()).as("nothing left to stop").isEmpty();
    }
}
