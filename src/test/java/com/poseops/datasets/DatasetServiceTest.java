package com.poseops.datasets;

import static com.poseops.testsupport.Users.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.inference.BodyPart;
import com.poseops.inference.engine.ModelFile;
import com.poseops.inference.labels.LabelFile;
import com.poseops.inference.training.LabelledSets;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditFilter;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.security.Role;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Datasets as people add them: zips checked completely before anything is kept, folders registered in place. */
@PoseOpsSpringTest
class DatasetServiceTest {

    @Autowired
    DatasetService service;

    @Autowired
    AuditLog auditLog;

    @TempDir
    Path temp;

    private Path zip(byte[] content) throws Exception {
        Path file = Files.createTempFile(temp, "upload-", ".zip");
        Files.write(file, content);
        return file;
    }

    private Dataset upload(String user, Role role, byte[] zip, String name) throws Exception {
        Path file = zip(zip);
        return as(user, role, () -> service.upload(file, "set.zip", name));
    }

    @Test
    void aDeployersZipIsCheckedAndKeptWithEveryImagesHashAndTruth() throws Exception {
        Dataset dataset = upload("dora", Role.DEPLOYER, LabelledSets.zip(LabelledSets.IMAGE1, LabelledSets.SQUAT),
                "train set");

        assertThat(dataset.name()).isEqualTo("train set");
        assertThat(dataset.source()).isEqualTo(Dataset.Source.UPLOADED);
        assertThat(dataset.labelFile()).isEqualTo("labels.csv");
        assertThat(dataset.images()).extracting(Dataset.Image::name)
                .containsExactlyInAnyOrder(LabelledSets.IMAGE1, LabelledSets.SQUAT);
        assertThat(dataset.images()).filteredOn(i -> i.name().equals(LabelledSets.IMAGE1)).singleElement()
                .satisfies(image -> {
                    assertThat(image.sha256()).isEqualTo(ModelFile.sha256(LabelledSets.imageFile(LabelledSets.IMAGE1)));
                    assertThat(image.labelled()).isTrue();
                    assertThat(image.width()).isPositive();
                });
        assertThat(service.find(dataset.id())).contains(dataset);
        assertThat(service.labels(dataset.id()).get(LabelledSets.IMAGE1).x(BodyPart.NOSE))
                .isEqualTo(LabelledSets.truth(LabelledSets.IMAGE1).x(BodyPart.NOSE));
        assertThat(service.image(dataset.id(), LabelledSets.SQUAT))
                .isEqualTo(Files.readAllBytes(LabelledSets.imageFile(LabelledSets.SQUAT)));
        assertThat(auditLog.history(dataset.target(), 10)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("dora");
            assertThat(entry.action()).isEqualTo(DatasetService.UPLOAD);
            assertThat(entry.outcome()).isEqualTo(Outcome.SUCCESS);
        });
    }

    @Test
    void aViewerCannotUploadAndTheRefusalIsAudited() throws Exception {
        int before = service.list().size();
        Path file = zip(LabelledSets.zip(LabelledSets.IMAGE1));

        assertThatThrownBy(() -> as("vera", Role.VIEWER, () -> service.upload(file, "set.zip", "")))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(service.list()).hasSize(before);
        assertThat(auditLog.newest(AuditFilter.ALL, 20)).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("vera");
            assertThat(entry.action()).isEqualTo(DatasetService.UPLOAD);
            assertThat(entry.outcome()).isEqualTo(Outcome.DENIED);
        });
    }

    @Test
    void brokenUploadsAreRefusedWithAReasonAPersonCanActOnAndNothingIsKept() throws Exception {
        byte[] image1 = Files.readAllBytes(LabelledSets.imageFile(LabelledSets.IMAGE1));
        String csv = LabelledSets.labelsCsv(List.of(LabelledSets.IMAGE1));
        Map<String, String> expectations = new LinkedHashMap<>();
        expectations.put("not a zip", "The file is not a zip archive");
        Map<String, Map<String, byte[]>> cases = new LinkedHashMap<>();
        cases.put("no label file", Map.of("image1.png", image1));
        expectations.put("no label file", "No label file");
        cases.put("label of a missing image", Map.of("image2.jpeg",
                Files.readAllBytes(LabelledSets.imageFile(LabelledSets.IMAGE2)), "labels.csv",
                csv.getBytes(StandardCharsets.UTF_8)));
        expectations.put("label of a missing image",
                "labels.csv labels image1.png, which is not among the images (image2.jpeg).");
        String outside = LabelFile.namedCsvHeader() + "\nimage1.png" + ",5000,10".repeat(17) + "\n";
        cases.put("keypoint outside", Map.of("image1.png", image1, "labels.csv", outside.getBytes(StandardCharsets.UTF_8)));
        expectations.put("keypoint outside", "labels.csv puts nose of image1.png at (5000, 10), outside the image");
        cases.put("image that does not decode", Map.of("image1.png", image1, "broken.jpg", "not a jpeg".getBytes(),
                "labels.csv", csv.getBytes(StandardCharsets.UTF_8)));
        expectations.put("image that does not decode", "broken.jpg is not a usable image");
        cases.put("entry outside the zip", Map.of("../evil.png", image1, "labels.csv", csv.getBytes(StandardCharsets.UTF_8)));
        expectations.put("entry outside the zip", "The zip entry ../evil.png points outside the zip's folder.");
        int before = service.list().size();

        assertThatThrownBy(() -> upload("dora", Role.DEPLOYER, "plain text".getBytes(), "x"))
                .isInstanceOf(InvalidDatasetException.class).hasMessageStartingWith(expectations.get("not a zip"));
        for (Map.Entry<String, Map<String, byte[]>> broken : cases.entrySet()) {
            assertThatThrownBy(() -> upload("dora", Role.DEPLOYER, LabelledSets.zip(broken.getValue()), "x"))
                    .as(broken.getKey()).isInstanceOf(InvalidDatasetException.class)
                    .hasMessageContaining(expectations.get(broken.getKey()));
        }

        assertThat(service.list()).hasSize(before);
        List<AuditEntry> refusals = auditLog.newest(AuditFilter.ALL, 50).stream()
                .filter(e -> e.action().equals(DatasetService.UPLOAD) && e.outcome() == Outcome.FAILURE).toList();
        assertThat(refusals).hasSizeGreaterThanOrEqualTo(cases.size() + 1);
    }

    @Test
    void aFolderIsRegisteredWhereItIsAndAMissingOneIsRefusedNamingIt() throws Exception {
        Path folder = LabelledSets.folder(temp.resolve("validation"), LabelledSets.IMAGE2);

        Dataset dataset = as("dora", Role.DEPLOYER, () -> service.register(folder.toString(), ""));

        assertThat(dataset.source()).isEqualTo(Dataset.Source.FOLDER);
        assertThat(dataset.location()).isEqualTo(folder.toAbsolutePath().normalize().toString());
        assertThat(dataset.name()).isEqualTo("validation");
        assertThat(dataset.labelledCount()).isEqualTo(1);
        assertThatThrownBy(() -> as("dora", Role.DEPLOYER, () -> service.register(temp.resolve("nowhere").toString(), "")))
                .hasMessageEndingWith("nowhere is not a folder on the console's machine.");
    }

    @Test
    void overlapsAreFoundByContentNotByName() throws Exception {
        Dataset train = upload("dora", Role.DEPLOYER, LabelledSets.zip(LabelledSets.IMAGE1, LabelledSets.SQUAT), "a");
        String renamedCsv = LabelFile.namedCsvHeader() + "\n" + LabelFile.namedCsvRow(
                LabelledSets.truth(LabelledSets.IMAGE1).named("renamed.png")) + "\n";
        Dataset validation = upload("dora", Role.DEPLOYER, LabelledSets.zip(Map.of(
                "renamed.png", Files.readAllBytes(LabelledSets.imageFile(LabelledSets.IMAGE1)),
                "labels.csv", renamedCsv.getBytes(StandardCharsets.UTF_8))), "b");

        assertThat(service.overlap(train.id(), validation.id())).containsExactly(LabelledSets.IMAGE1);
        assertThat(service.overlap(validation.id(), train.id())).containsExactly("renamed.png");
    }
}
