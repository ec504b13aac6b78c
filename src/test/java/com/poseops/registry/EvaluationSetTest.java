package com.poseops.registry;

import static com.poseops.testsupport.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.inference.training.LabelledSets;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.persistence.ConsoleSettings;
import com.poseops.platform.security.Role;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Evaluation out of the box: a dataset chosen on the Models page becomes the evaluation set (config.yml's stays the
 * default), versions without metrics are evaluated on it, and a DEPLOYER can re-evaluate a version; ECE and Brier
 * come with PCK. VIEWERs are refused on the server, and audited.
 */
@PoseOpsSpringTest
class EvaluationSetTest {

    @Autowired
    RegistryService service;

    @Autowired
    DatasetService datasets;

    @Autowired
    ConsoleSettings settings;

    @TempDir
    Path temp;

    @AfterEach
    void backToTheConfiguredSet() {
        settings.put(EvaluationSets.SETTING_KEY, "", "test");
    }

    private Dataset dataset(String name, String... images) throws Exception {
        Path zip = Files.write(temp.resolve(name + ".zip"), LabelledSets.zip(images));
        return as("dora", Role.DEPLOYER, () -> datasets.upload(zip, name + ".zip", name));
    }

    @Test
    void theConfiguredSetIsTheDefaultAndAChosenDatasetTakesItsPlace() throws Exception {
        assertThat(service.evaluationSet()).hasValueSatisfying(choice -> {
            assertThat(choice.datasetId()).isNull();
            assertThat(choice.label()).startsWith("Evaluation.imagesDir ").contains("2 labelled images, config.yml");
        });
        Dataset holdout = dataset("holdout", LabelledSets.IMAGE2, LabelledSets.SQUAT);

        as("dora", Role.DEPLOYER, () -> service.chooseEvaluationSet(holdout.id()));

        assertThat(service.evaluationSet()).hasValueSatisfying(choice -> {
            assertThat(choice.datasetId()).isEqualTo(holdout.id());
            assertThat(choice.label()).isEqualTo("dataset holdout (2 labelled images)");
        });
        int version = Registrations.register(service, "dora", "evaluated on the chosen set").version();
        EvaluationStatus evaluated = Registrations.awaitEvaluation(service, version);
        assertThat(evaluated.state()).isEqualTo(EvaluationStatus.State.DONE);
        assertThat(evaluated.evaluatedOn()).isEqualTo("dataset holdout (2 labelled images)");
        assertThat(evaluated.images()).extracting(EvaluationReport.ImageResult::image)
                .containsExactly(LabelledSets.IMAGE2, LabelledSets.SQUAT);
        assertThat(service.describe(version).orElseThrow().metrics())
                .containsKeys(EvaluationReport.ECE, EvaluationReport.BRIER, EvaluationReport.PCK);
    }

    @Test
    void aDeployerReEvaluatesAVersionAndAViewerIsRefusedBothTimesAudited() throws Exception {
        int version = Registrations.register(service, "dora", "to evaluate again").version();
        Registrations.awaitEvaluation(service, version);
        Dataset other = dataset("other", LabelledSets.SQUAT);

        assertThatThrownBy(() -> as("vera", Role.VIEWER, () -> {
            service.reevaluate(version);
            return null;
        })).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> as("vera", Role.VIEWER, () -> service.chooseEvaluationSet(other.id())))
                .isInstanceOf(AccessDeniedException.class);
        as("dora", Role.DEPLOYER, () -> service.chooseEvaluationSet(other.id()));
        as("dora", Role.DEPLOYER, () -> {
            service.reevaluate(version);
            return null;
        });

        EvaluationStatus again = awaitEvaluationOn(version, "dataset other (1 labelled images)");
        assertThat(again.images()).extracting(EvaluationReport.ImageResult::image).containsExactly(LabelledSets.SQUAT);
        assertThat(service.history(version)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("vera");
            assertThat(entry.action()).isEqualTo(RegistryService.EVALUATE);
            assertThat(entry.outcome()).isEqualTo(Outcome.DENIED);
        }).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("dora");
            assertThat(entry.action()).isEqualTo(RegistryService.EVALUATE);
            assertThat(entry.comment()).isEqualTo("re-evaluation requested on dataset other (1 labelled images)");
        });
        assertThat(service.history(version)).extracting(AuditEntry::action).contains(RegistryService.EVALUATE);
    }

    private EvaluationStatus awaitEvaluationOn(int version, String set) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            EvaluationStatus status = service.evaluation(version).orElse(null);
            if (status != null && status.state() == EvaluationStatus.State.DONE && set.equals(status.evaluatedOn())) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("version " + version + " was not evaluated on " + set + ": " + service.evaluation(version));
    }
}
