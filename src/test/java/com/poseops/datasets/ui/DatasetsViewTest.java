package com.poseops.datasets.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.inference.training.LabelledSets;
import com.poseops.platform.security.Role;
import com.poseops.platform.ui.components.PoseOverlay;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The Datasets page per role: browsing draws the truth with the console's one pose overlay. */
@PoseOpsSpringTest
class DatasetsViewTest extends SpringBrowserlessTest {

    @Autowired
    DatasetService service;

    @TempDir
    Path temp;

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void aViewerBrowsesASetWithItsTruthDrawnButCannotAdd() throws Exception {
        Path zip = Files.write(temp.resolve("set.zip"), LabelledSets.zip(LabelledSets.IMAGE1, LabelledSets.SQUAT));
        Dataset dataset = Users.as("dora", Role.DEPLOYER, () -> service.upload(zip, "set.zip", "browse me"));

        DatasetsView view = navigate(DatasetsView.class);
        assertThat(find(Button.class).withId("upload-dataset").all()).as("no visible upload button").isEmpty();
        assertThat(find(Button.class).withId("register-dataset").all()).as("no visible register button").isEmpty();
        test(view.grid()).select(rowOf(view, dataset));

        PoseOverlay overlay = view.browser().overlay();
        assertThat(overlay.isVisible()).isTrue();
        assertThat(overlay.getElement().getAttribute("data-upload-id")).isEqualTo(dataset.id() + "/" + LabelledSets.IMAGE1);
        assertThat(overlay.drawnKeypoints()).hasSize(17).first().satisfies(nose -> {
            assertThat(nose.name()).isEqualTo("nose");
            assertThat(nose.x()).isEqualTo(LabelledSets.truth(LabelledSets.IMAGE1).x()[0]);
        });
        test(view.browser().images()).select(rowOfImage(view, LabelledSets.SQUAT));
        assertThat(overlay.getElement().getAttribute("data-upload-id")).isEqualTo(dataset.id() + "/" + LabelledSets.SQUAT);
    }

    @Test
    @WithMockUser(username = "dora", roles = {"DEPLOYER", "VIEWER"})
    void aDeployerSeesTheUploadAndRegisterButtons() {
        navigate(DatasetsView.class);
        assertThat(find(Button.class).withId("upload-dataset").single().isVisible()).isTrue();
        assertThat(find(Button.class).withId("register-dataset").single().getText()).isEqualTo("Register folder");
    }

    private int rowOf(DatasetsView view, Dataset dataset) {
        for (int row = 0; row < test(view.grid()).size(); row++) {
            if (test(view.grid()).getRow(row).id().equals(dataset.id())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + dataset.id());
    }

    private int rowOfImage(DatasetsView view, String name) {
        for (int row = 0; row < test(view.browser().images()).size(); row++) {
            if (test(view.browser().images()).getRow(row).name().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + name);
    }
}
