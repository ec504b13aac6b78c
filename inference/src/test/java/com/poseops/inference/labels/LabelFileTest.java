package com.poseops.inference.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.inference.BodyPart;
import com.poseops.inference.TestData;
import com.poseops.inference.training.LabelledSets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label formats a dataset or channel may use, and the errors a person gets for broken ones. */
class LabelFileTest {

    @TempDir
    Path temp;

    @Test
    void theTensorflowExamplesCsvLabelsTheImagesItIsGivenInRowOrder() throws Exception {
        byte[] csv = Files.readAllBytes(TestData.tensorflowExamples("pose_landmark_truth.csv"));

        List<LabelledPose> poses = LabelFile.parse("pose_landmark_truth.csv", csv, List.of("image1.png", "image2.jpeg"));

        assertThat(poses).extracting(LabelledPose::image).containsExactly("image1.png", "image2.jpeg");
        assertThat(poses.getFirst().x(BodyPart.NOSE)).isEqualTo(186);
        assertThat(poses.getFirst().y(BodyPart.RIGHT_ANKLE)).isEqualTo(571);
        assertThat(poses.getFirst().labelledCount()).isEqualTo(17);
    }

    @Test
    void aCsvWithoutImageColumnAndWithoutNamesSaysHowToName() throws Exception {
        byte[] csv = Files.readAllBytes(TestData.tensorflowExamples("pose_landmark_truth.csv"));

        assertThatThrownBy(() -> LabelFile.parse("truth.csv", csv, List.of("only-one.png")))
                .isInstanceOf(LabelFormatException.class)
                .hasMessage("truth.csv has 2 rows and no image column, but 1 images were given for them. Add a first "
                        + "column \"image\" with each row's file name.");
    }

    @Test
    void aCsvWithAnImageColumnNamesItsRowsAndEmptyCellsAreUnlabelled() {
        String header = LabelFile.namedCsvHeader();
        String row = "a.jpg" + ",1,2".repeat(16) + ",,";
        List<LabelledPose> poses = LabelFile.parse("labels.csv", (header + "\n" + row + "\n").getBytes(
                StandardCharsets.UTF_8), null);

        assertThat(poses).singleElement().satisfies(pose -> {
            assertThat(pose.image()).isEqualTo("a.jpg");
            assertThat(pose.labelledCount()).isEqualTo(16);
            assertThat(pose.isLabelled(BodyPart.RIGHT_ANKLE)).isFalse();
        });
    }

    @Test
    void aWrongNumberNamesTheRowAndTheColumn() {
        String row = "a.jpg,abc" + ",1".repeat(33);
        assertThatThrownBy(() -> LabelFile.parse("labels.csv", (LabelFile.namedCsvHeader() + "\n" + row).getBytes(
                StandardCharsets.UTF_8), null))
                .hasMessage("Row 2 of labels.csv has 'abc' in nose_x where a pixel coordinate (a number ≥ 0) belongs.");
    }

    @Test
    void cocoKeypointsTakeThePersonWithMostLabelledKeypointsAndVisibilityZeroIsUnlabelled() {
        String full = "1,2,2,".repeat(16) + "0,0,0";
        String sparse = "5,5,2," + "0,0,0,".repeat(15) + "0,0,0";
        String json = """
                {"images":[{"id":7,"file_name":"photos/p.jpg","width":100,"height":100}],
                 "annotations":[{"image_id":7,"keypoints":[%s]},{"image_id":7,"keypoints":[%s]}],
                 "categories":[{"id":1,"name":"person","keypoints":["nose","left_eye","right_eye","left_ear","right_ear",
                   "left_shoulder","right_shoulder","left_elbow","right_elbow","left_wrist","right_wrist","left_hip",
                   "right_hip","left_knee","right_knee","left_ankle","right_ankle"]}]}
                """.formatted(sparse, full);

        List<LabelledPose> poses = LabelFile.parse("coco.json", json.getBytes(StandardCharsets.UTF_8), null);

        assertThat(poses).singleElement().satisfies(pose -> {
            assertThat(pose.image()).isEqualTo("p.jpg");
            assertThat(pose.labelledCount()).isEqualTo(16);
        });
    }

    @Test
    void aCocoFileWithAnotherKeypointOrderIsRefused() {
        String json = """
                {"images":[],"annotations":[],"categories":[{"keypoints":["head","neck"]}]}
                """;
        assertThatThrownBy(() -> LabelFile.parse("coco.json", json.getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(LabelFormatException.class).hasMessageStartingWith("coco.json names its keypoints [head, neck]");
    }

    @Test
    void aFolderWhoseLabelsNameAMissingImageIsRefusedNamingIt() throws Exception {
        Path folder = LabelledSets.folder(temp.resolve("set"), LabelledSets.IMAGE1, LabelledSets.IMAGE2);
        Files.delete(folder.resolve(LabelledSets.IMAGE2));

        assertThatThrownBy(() -> LabelledFolder.read(folder, null, 10))
                .hasMessage("labels.csv labels image2.jpeg, which is not among the images (image1.png).");
    }

    @Test
    void aZipLikeFolderWithOneSubFolderIsReadFromThatSubFolder() throws Exception {
        LabelledSets.folder(temp.resolve("upload").resolve("my-set"), LabelledSets.IMAGE1, LabelledSets.SQUAT);

        LabelledFolder folder = LabelledFolder.read(temp.resolve("upload"), null, 10);

        assertThat(folder.labelled()).extracting(e -> e.pose().image())
                .containsExactly(LabelledSets.IMAGE1, LabelledSets.SQUAT);
        assertThat(folder.directory()).isEqualTo(temp.resolve("upload").resolve("my-set"));
    }
}
