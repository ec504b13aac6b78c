package com.poseops.pose;

import static com.poseops.pose.PredictionJson.json;
import static com.poseops.pose.PredictionJson.keypoint;
import static com.poseops.pose.PredictionJson.prediction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.poseops.endpoints.ContainerErrors;
import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class PoseResultParserTest {

    @Test
    void readsEveryFieldOfTheContract() {
        PoseResult result = parse(json(prediction(640, 480)));

        assertThat(result.model()).isEqualTo(new PoseResult.Model("movenet_singlepose_lightning_int8_4.tflite", 192,
                "uint8", PredictionJson.MODEL_SHA256));
        assertThat(result.image()).isEqualTo(new PoseResult.Image(640, 480));
        assertThat(result.keypoints()).hasSize(17);
        assertThat(result.keypoints()).extracting(PoseResult.Keypoint::name).isEqualTo(PoseResult.KEYPOINT_NAMES);
        PoseResult.Keypoint ankle = result.keypoints().get(16);
        assertThat(ankle.x()).isCloseTo(PredictionJson.x(16, 640), within(1e-9));
        assertThat(ankle.y()).isCloseTo(PredictionJson.y(16, 480), within(1e-9));
        assertThat(ankle.score()).isCloseTo(PredictionJson.score(16), within(1e-9));
        assertThat(result.score()).isCloseTo(0.66, within(1e-9));
        assertThat(result.timingsMs()).isEqualTo(new PoseResult.Timings(2.5, 1.25, 13.0, 0.5, 17.25));
    }

    @Test
    void writesBackAsTheSameJson() throws Exception {
        String original = json(prediction(640, 480));
        JsonMapper mapper = JsonMapper.builder().build();

        String written = mapper.writeValueAsString(parse(original));

        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(original));
    }

    @Test
    void acceptsKeypointsInTheLetterboxPaddingOfATallImage() {
        Map<String, Object> tall = prediction(300, 1000);
        keypoint(tall, 0).put("x", -340.0); // padding is 350 px each side of a 300 px wide image in a 1000 px square

        assertThat(parse(json(tall)).keypoints().getFirst().x()).isEqualTo(-340.0);
    }

    @Test
    void acceptsAVeryWidePanoramaTheServerAccepts() {
        // 20 MP, under the server's 40 MP limit, with one side far beyond any camera sensor
        assertThat(parse(json(prediction(200_000, 100))).image().width()).isEqualTo(200_000);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        Map<String, Object> withExtras = prediction(640, 480);
        withExtras.put("requestId", "abc");

        assertThat(parse(json(withExtras)).keypoints()).hasSize(17);
    }

    @Test
    void refusesWrongKeypointLists() {
        Map<String, Object> sixteen = prediction(640, 480);
        ((List<?>) sixteen.get("keypoints")).removeLast();
        assertBadResponse(json(sixteen)).hasMessageContaining("expected 17 keypoints, got 16");

        Map<String, Object> swapped = prediction(640, 480);
        keypoint(swapped, 1).put("name", "right_eye");
        assertBadResponse(json(swapped)).hasMessageContaining("keypoints[1] is 'right_eye', expected 'left_eye'");

        Map<String, Object> notAList = prediction(640, 480);
        notAList.put("keypoints", Map.of("nose", 1));
        assertBadResponse(json(notAList)).hasMessageContaining("'keypoints' is missing or not a list");
    }

    @Test
    void refusesImplausibleNumbers() {
        Map<String, Object> outside = prediction(640, 480);
        keypoint(outside, 3).put("x", 5000.0);
        assertBadResponse(json(outside)).hasMessageContaining("keypoints[3].x");

        Map<String, Object> scoreTooHigh = prediction(640, 480);
        keypoint(scoreTooHigh, 0).put("score", 1.5);
        assertBadResponse(json(scoreTooHigh)).hasMessageContaining("keypoints[0].score");

        Map<String, Object> negativeTime = prediction(640, 480);
        ((Map<String, Object>) negativeTime.get("timingsMs")).put("total", -1.0);
        assertBadResponse(json(negativeTime)).hasMessageContaining("timingsMs.total");

        Map<String, Object> fractionalWidth = prediction(640, 480);
        ((Map<String, Object>) fractionalWidth.get("image")).put("width", 640.5);
        assertBadResponse(json(fractionalWidth)).hasMessageContaining("image.width");

        Map<String, Object> numberAsText = prediction(640, 480);
        keypoint(numberAsText, 0).put("y", "12.5");
        assertBadResponse(json(numberAsText)).hasMessageContaining("keypoints[0].y");

        Map<String, Object> badHash = prediction(640, 480);
        ((Map<String, Object>) badHash.get("model")).put("sha256", "not-a-hash");
        assertBadResponse(json(badHash)).hasMessageContaining("model.sha256");
    }

    @Test
    void refusesNanInfinityAndMissingFields() {
        String valid = json(prediction(640, 480));
        assertBadResponse(valid.replaceFirst("\"score\":0\\.66[0-9]*", "\"score\":NaN")).hasMessageContaining("not valid JSON");
        assertBadResponse(valid.replaceFirst("\"decode\":2\\.5", "\"decode\":1e999")).hasMessageContaining("finite");

        Map<String, Object> noImage = prediction(640, 480);
        noImage.remove("image");
        assertBadResponse(json(noImage)).hasMessageContaining("'image' is missing");

        Map<String, Object> noSha = prediction(640, 480);
        ((Map<String, Object>) noSha.get("model")).remove("sha256");
        assertBadResponse(json(noSha)).hasMessageContaining("model.sha256");
    }

    @Test
    void refusesWhatIsNotAPrediction() {
        assertBadResponse("").hasMessageContaining("empty");
        assertBadResponse("<html><body>502 Bad Gateway</body></html>").hasMessageContaining("not valid JSON");
        assertBadResponse("[1,2,3]").hasMessageContaining("not a JSON object");
        assertBadResponse("\"body\"").hasMessageContaining("not a JSON object");
        assertBadResponse(json(prediction(640, 480)) + " {}").hasMessageContaining("not valid JSON");
        assertBadResponse("{\"score\":0.5,\"score\":0.6}").hasMessageContaining("not valid JSON");
        assertBadResponse("[".repeat(5000) + "]".repeat(5000)).hasMessageContaining("not valid JSON");
        assertBadResponse("{\"pad\":\"" + "x".repeat(70_000) + "\"}").hasMessageContaining("70010 bytes");
        assertBadResponse("{\"pad\":\"" + "x".repeat(5_000) + "\"}").hasMessageContaining("not valid JSON");
    }

    @ParameterizedTest
    @CsvSource({
            "unsupported_media_type, UNSUPPORTED_TYPE",
            "payload_too_large, TOO_LARGE",
            "image_too_large, TOO_LARGE",
            "invalid_image, INVALID_IMAGE",
            "overloaded, OVERLOADED",
            "model_not_ready, UNAVAILABLE",
            "something_new, MODEL_ERROR"})
    void mapsTheServersErrorDocuments(String code, Reason reason) {
        String error = PredictionJson.error(code, "detail from server\nsecond line");

        assertThatThrownBy(() -> parse(error))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining("(detail from server second line)")
                .hasMessageNotContaining("\n");
        assertThat(ContainerErrors.fromErrorDocument(error)).get().extracting(EndpointException::reason).isEqualTo(reason);
    }

    @Test
    void errorFromIgnoresTextThatIsNotAnErrorDocument() {
        assertThat(ContainerErrors.fromErrorDocument("Internal Server Error")).isEmpty();
        assertThat(ContainerErrors.fromErrorDocument("{\"message\":\"x\"}")).isEmpty();
        assertThat(ContainerErrors.fromErrorDocument("")).isEmpty();
    }

    private static PoseResult parse(String body) {
        return PoseResultParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertBadResponse(String body) {
        return assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE))
                .hasMessageStartingWith("The endpoint's answer is not a pose prediction");
    }
}
