package com.poseops.endpoints.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.endpoints.Invocation;
import com.poseops.pose.PoseResultParser;
import com.poseops.pose.PoseResult;
import com.poseops.pose.PredictionJson;
import com.poseops.testsupport.MotoServer;
import com.poseops.testsupport.MotoServer.CannedInvocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/** {@link SageMakerEndpointInvoker} against a real moto server: DescribeEndpoint and InvokeEndpoint. */
class SageMakerEndpointInvokerTest {

    @RegisterExtension
    static final MotoServer moto = new MotoServer();

    private static final String ENDPOINT = "hp-prediction-endpoint";
    private static final EndpointConfigSettings ENDPOINT_CONFIG = new EndpointConfigSettings("hp-prediction-model",
            "hp-prediction-config", ENDPOINT, "arn:aws:iam::123456789012:role/poseops-sagemaker-execution",
            "hp-prediction-models");

    private SageMakerEndpointInvoker client;
    private SageMakerClient rawSageMaker;
    /** moto answers an identical request from its memory (not the queue), so every test image is different. */
    private int imageCounter;

    @BeforeEach
    void setUp() {
        moto.reset();
        client = new SageMakerEndpointInvoker(moto.awsClients(), ENDPOINT_CONFIG);
        rawSageMaker = moto.awsClients().build(SageMakerClient.builder());
    }

    @AfterEach
    void tearDown() {
        client.close();
        rawSageMaker.close();
    }

    @Test
    void returnsTheParsedKeypointsAndTheVariantThatAnswered() {
        deployEndpoint("blue");
        moto.queueEndpointResults(CannedInvocation.json(PredictionJson.json(PredictionJson.prediction(640, 480)), "blue"));

        Invocation prediction = client.invoke(image(), "image/jpeg");

        assertThat(prediction.endpointName()).isEqualTo(ENDPOINT);
        assertThat(prediction.variant()).isEqualTo("blue");
        assertThat(prediction.roundTrip()).isPositive().isLessThan(Duration.ofSeconds(30));
        PoseResult result = PoseResultParser.parse(prediction.body());
        assertThat(result.image()).isEqualTo(new PoseResult.Image(640, 480));
        assertThat(result.model().sha256()).isEqualTo(PredictionJson.MODEL_SHA256);
        assertThat(result.keypoints()).extracting(PoseResult.Keypoint::name).isEqualTo(PoseResult.KEYPOINT_NAMES);
        for (int i = 0; i < 17; i++) {
            assertThat(result.keypoints().get(i).x()).isCloseTo(PredictionJson.x(i, 640), within(1e-9));
            assertThat(result.keypoints().get(i).y()).isCloseTo(PredictionJson.y(i, 480), within(1e-9));
        }
    }

    @Test
    void answersInTurnReportTheVariantOfEach() {
        deployEndpoint("blue");
        String body = PredictionJson.json(PredictionJson.prediction(320, 240));
        moto.queueEndpointResults(CannedInvocation.json(body, "blue"), CannedInvocation.json(body, "green"));

        assertThat(client.invoke(image(), "image/png").variant()).isEqualTo("blue");
        assertThat(client.invoke(image(), "image/jpeg; charset=binary").variant()).isEqualTo("green");
    }

    @Test
    void aMissingEndpointIsNotDeployedWithAMessageAPersonCanActOn() {
        moto.queueEndpointResults(CannedInvocation.json(PredictionJson.json(PredictionJson.prediction(640, 480)), "first"));

        assertThatThrownBy(() -> client.invoke(image(), "image/jpeg"))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_DEPLOYED))
                .hasMessage("No endpoint is serving yet: " + ENDPOINT
                        + " does not exist in us-east-1 — deploy a version on the Endpoints page.");

        // Not remembered: once the endpoint exists, the next request goes through — and gets the first canned answer,
        // so the refused request never reached InvokeEndpoint.
        deployEndpoint("blue");
        assertThat(client.invoke(image(), "image/jpeg").variant()).isEqualTo("first");
    }

    @Test
    void aMalformedAnswerIsABadResponse() {
        deployEndpoint("blue");
        Map<String, Object> sixteen = PredictionJson.prediction(640, 480);
        ((List<?>) sixteen.get("keypoints")).removeLast();
        moto.queueEndpointResults(
                CannedInvocation.json(PredictionJson.json(sixteen), "blue"),
                new CannedInvocation("<html>upstream error</html>", "text/html", "blue", null),
                CannedInvocation.json(PredictionJson.json(PredictionJson.prediction(640, 480)).replace("0.5,", "NaN,"), "blue"));

        assertBadResponse("expected 17 keypoints, got 16");
        assertBadResponse("not valid JSON");
        assertBadResponse("not valid JSON");
    }

    @Test
    void anErrorDocumentFromTheServerKeepsItsMeaning() {
        deployEndpoint("blue");
        moto.queueEndpointResults(CannedInvocation.json(PredictionJson.error("overloaded", "2 requests in flight"), "blue"));

        assertThatThrownBy(() -> PoseResultParser.parse(client.invoke(image(), "image/jpeg").body()))
                .isInstanceOfSatisfying(EndpointException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.OVERLOADED);
                    assertThat(e.reason().retryable()).isTrue();
                })
                .hasMessageContaining("busy").hasMessageContaining("2 requests in flight");
    }

    @Test
    void refusesWhatSageMakerWouldRefuseWithoutCallingIt() {
        deployEndpoint("blue");
        moto.queueEndpointResults(CannedInvocation.json(PredictionJson.json(PredictionJson.prediction(640, 480)), "first"));

        assertThatThrownBy(() -> client.invoke(image(), "image/gif"))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE))
                .hasMessageContaining("image/gif");
        assertThatThrownBy(() -> client.invoke(new byte[0], "image/jpeg"))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_IMAGE));
        assertThatThrownBy(() -> client.invoke(new byte[6 * 1024 * 1024 + 1], "image/jpeg"))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("6.0 MB");

        assertThat(client.invoke(image(), "image/jpeg").variant()).isEqualTo("first");
    }

    /** The invoker passes the body on as it came; the Pose feature's parser trusts none of it. */
    private void assertBadResponse(String detail) {
        assertThatThrownBy(() -> PoseResultParser.parse(client.invoke(image(), "image/jpeg").body()))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE))
                .hasMessageContaining(detail);
    }

    /** What the Endpoints feature will do in aws mode: model, endpoint configuration, endpoint (InService at once in moto). */
    private void deployEndpoint(String variant) {
        rawSageMaker.createModel(r -> r.modelName("hp-prediction-model-1")
                .executionRoleArn(ENDPOINT_CONFIG.roleArn())
                .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/hp-inferencing-container:latest")
                        .modelDataUrl("s3://mlops-pipeline-hp-estimation/model/x/model.tar.gz")));
        rawSageMaker.createEndpointConfig(r -> r.endpointConfigName("hp-prediction-config-1")
                .productionVariants(ProductionVariant.builder().variantName(variant).modelName("hp-prediction-model-1")
                        .initialInstanceCount(1).instanceType("ml.m5.xlarge").build()));
        rawSageMaker.createEndpoint(r -> r.endpointName(ENDPOINT).endpointConfigName("hp-prediction-config-1"));
    }

    /**
     * A stand-in for an image: the adapter sends bytes as they are. ASCII because moto decodes the InvokeEndpoint
     * body as UTF-8 and answers a real JPEG (0xFF 0xD8 …) with HTTP 500.
     */
    private byte[] image() {
        return ("fake jpeg " + imageCounter++).getBytes(StandardCharsets.US_ASCII);
    }
}
