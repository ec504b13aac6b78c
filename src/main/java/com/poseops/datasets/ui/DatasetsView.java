package com.poseops.datasets.ui;

import com.poseops.platform.persistence.DataDirectory;
import com.poseops.datasets.Dataset;
import com.poseops.datasets.DatasetService;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Labelled image sets: list, upload a zip or register a folder / S3 prefix (DEPLOYER), and browse a set with its truth
 * keypoints drawn by the console's one pose overlay. Buttons a role may not use are not shown; the service refuses
 * (and audits) such calls anyway.
 */
@Route("datasets")
@PageTitle("Datasets · PoseOps")
@Menu(order = 25, title = "Datasets", icon = "vaadin:pictures")
@PermitAll
class DatasetsView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final DatasetService service;
    private final Grid<Dataset> grid = new Grid<>();
    private final DatasetBrowser browser;

    DatasetsView(DatasetService service, DataDirectory dataDirectory) {
        this.service = service;
        this.browser = new DatasetBrowser(service);
        CurrentUser user = CurrentUser.get();
        setSizeFull();

        Button upload = new Button("Upload zip", click -> new UploadDatasetDialog(service,
                dataDirectory.tempFiles(), this::added).open());
        upload.setId("upload-dataset");
        upload.addThemeVariants(ButtonVariant.PRIMARY);
        boolean s3 = service.registersS3Prefixes();
        Button register = new Button(s3 ? "Register S3 prefix" : "Register folder",
                click -> new RegisterDatasetDialog(service, this::added).open());
        register.setId("register-dataset");
        upload.setVisible(user.has(Role.DEPLOYER));
        register.setVisible(user.has(Role.DEPLOYER));

        grid.setId("datasets-grid");
        grid.addColumn(Dataset::name).setHeader("Name").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(d -> d.labelledCount() + " of " + d.images().size()).setHeader("Labelled images")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Dataset::labelFile).setHeader("Labels").setAutoWidth(true);
        grid.addColumn(d -> d.source().label()).setHeader("Source").setAutoWidth(true);
        grid.addColumn(d -> TIME.format(d.createdAt()) + " by " + d.createdBy()).setHeader("Added").setAutoWidth(true);
        grid.addColumn(Dataset::id).setHeader("Id").setAutoWidth(true).setFlexGrow(0);
        grid.setHeight("16rem");
        grid.setEmptyStateText("No datasets yet. A DEPLOYER uploads a zip of images plus a truth CSV "
                + "(pose_landmark_truth.csv format, with an \"image\" column) or a COCO keypoints JSON.");
        grid.addSelectionListener(selection -> browser.show(selection.getFirstSelectedItem().orElse(null)));

        add(new H2("Datasets"), new Paragraph("Labelled images: each with its true keypoints. Training jobs take them "
                + "as their train and validation channels; the Models page evaluates versions on one of them."),
                new HorizontalLayout(upload, register), grid, browser);
        refresh(null);
    }

    private void added(Dataset dataset) {
        refresh(dataset.id());
    }

    void refresh(String select) {
        List<Dataset> all = service.list();
        grid.setItems(all);
        Optional<Dataset> chosen = all.stream().filter(d -> d.id().equals(select)).findFirst();
        chosen.ifPresentOrElse(grid::select, () -> browser.show(null));
    }

    // ---- for tests ----

    Grid<Dataset> grid() {
        return grid;
    }

    DatasetBrowser browser() {
        return browser;
    }
}
