package com.poseops.endpoints.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.Invocation;
import com.poseops.endpoints.InvocationObserver.RoutedInvocation;
import com.poseops.inference.TestData;
import com.poseops.pose.PoseResult;
import com.poseops.pose.PoseResultParser;
import com.poseops.testsupport.InvocationTraffic;
import com.poseops.testsupport.LocalEndpointRig;
import com.poseops.testsupport.PoseOpsSpringTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local front door against real inference-server processes, called the way users call SageMaker: the AWS SDK's
 * {@code SageMakerRuntimeClient} and boto3's {@code sagemaker-runtime} client, unchanged, with an endpoint override;
 * and the console's own invoker. Every request is told to the observers with SageMaker's two latencies.
 */
@PoseOpsSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrontDoorTest {

    @Autowired
    ApplicationContext context;

    private final List<RoutedInvocation> observed = new CopyOnWriteArrayList<>();
    private LocalEndpointRig rig;
    private byte[] jpeg;

    @BeforeAll
    void start() throws Exception {
        jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        rig = LocalEndpointRig.start(context, LocalBlueGreenTest.unique("frontdoor"), TestData.lightningInt8Model(),
                60.0, List.of(observed::add));
        rig.awaitInService();
    }

    @AfterAll
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theAwsSdkInvokesTheLocalEndpointUnchangedAndSeesTheVariantThatAnswered() {
        try (SageMakerRuntimeClient client = InvocationTraffic.sdkClient(rig.frontDoor())) {
            InvokeEndpointResponse response = client.invokeEndpoint(r -> r.endpointName(rig.endpointName())
                    .contentType("image/jpeg").accept("application/json").body(SdkBytes.fromByteArray(jpeg)));
            assertThat(response.invokedProductionVariant()).isEqualTo("blue");
            assertThat(response.contentType()).startsWith("application/json");
            PoseResult result = PoseResultParser.parse(response.body().asByteArray());
            assertThat(result.keypoints()).hasSize(17);
            assertThat(result.score()).isPositive();
        }
    }

    @Test
    void aModelErrorIsSageMakersModelErrorWithTheContainersStatusAndMessage() {
        try (SageMakerRuntimeClient client = InvocationTraffic.sdkClient(rig.frontDoor())) {
            assertThatThrownBy(() -> client.invokeEndpoint(r -> r.endpointName(rig.endpointName())
                    .contentType("image/jpeg").body(SdkBytes.fromUtf8String("not an image"))))
                    .isInstanceOfSatisfying(ModelErrorException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(424);
                        assertThat(e.originalStatusCode()).isEqualTo(400);
                        assertThat(e.originalMessage()).contains("invalid_image");
                        assertThat(e.logStreamArn()).contains("endpoint-blue.log");
                    });
            assertThatThrownBy(() -> client.invokeEndpoint(r -> r.endpointName("no-such-endpoint")
                    .contentType("image/jpeg").body(SdkBytes.fromByteArray(jpeg))))
                    .isInstanceOfSatisfying(ValidationErrorException.class, e -> assertThat(e.getMessage())
                            .contains("no-such-endpoint").contains(rig.endpointName()));
        }
    }

    @Test
    void boto3InvokesTheLocalEndpointUnchanged() throws Exception {
        Process python = new ProcessBuilder("python3", Path.of("src/test/python/invoke_local_endpoint.py").toString(),
                rig.frontDoor().toString(), rig.endpointName(),
                TestData.tensorflowExamples("image2.jpeg").toString()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = python.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as("boto3 script output:%n%s", output).isZero();
        JsonNode result = JsonMapper.builder().build().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(result.path("variant").asString()).isEqualTo("blue");
        assertThat(result.path("keypoints").asInt()).isEqualTo(17);
        assertThat(result.path("modelError").path("code").asString()).isEqualTo("ModelError");
        assertThat(result.path("modelError").path("httpStatus").asInt()).isEqualTo(424);
        assertThat(result.path("modelError").path("originalStatusCode").asInt()).isEqualTo(400);
    }

    @Test
    void everyRequestIsToldToTheObserversWithModelAndOverheadLatency() {
        observed.clear();
        try (SageMakerRuntimeClient client = InvocationTraffic.sdkClient(rig.frontDoor())) {
            client.invokeEndpoint(r -> r.endpointName(rig.endpointName()).contentType("image/jpeg")
                    .body(SdkBytes.fromByteArray(jpeg)));
        }
        awaitObserved(1);
        RoutedInvocation invocation = observed.getFirst();
        assertThat(invocation.endpointName()).isEqualTo(rig.endpointName());
        assertThat(invocation.variantName()).isEqualTo("blue");
        assertThat(invocation.endpointConfigName()).isEqualTo(rig.awaitInService().endpointConfigName());
        assertThat(invocation.statusCode()).isEqualTo(200);
        assertThat(invocation.requestBody()).isEqualTo(jpeg);
        assertThat(invocation.requestContentType()).isEqualTo("image/jpeg");
        assertThat(new String(invocation.responseBody(), StandardCharsets.UTF_8)).contains("\"keypoints\"");
        PoseResult result = PoseResultParser.parse(invocation.responseBody());
        assertThat(invocation.modelLatencyMicros()).as("ModelLatency ≥ the server's own total")
                .isGreaterThanOrEqualTo((long) (result.timingsMs().total() * 1000 * 0.9));
        assertThat(invocation.overheadLatencyMicros()).isNotNegative()
                .isLessThan(invocation.modelLatencyMicros() + 1_000_000);
    }

    @Test
    void theConsolesInvokerGoesThroughTheFrontDoorAndGivesEveryFailureAReason() throws Exception {
        EndpointInvoker invoker = new FrontDoorInvoker(rig.controlPlane());
        Invocation invocation = invoker.invoke(jpeg, "image/jpeg");
        assertThat(invocation.variant()).isEqualTo("blue");
        assertThat(invocation.endpointName()).isEqualTo(rig.endpointName());
        double[][] truth = TestData.truth().get(1); // image2
        PoseResult result = PoseResultParser.parse(invocation.body());
        for (int i = 0; i < 17; i++) {
            PoseResult.Keypoint k = result.keypoints().get(i);
            assertThat(Math.max(Math.abs(k.x() - truth[i][0]), Math.abs(k.y() - truth[i][1])))
                    .as("L-inf distance of %s to the reference", k.name()).isLessThanOrEqualTo(21);
        }
        assertThat(invocation.roundTrip().toNanos() / 1e6).as("round trip ≥ the server's own total")
                .isGreaterThanOrEqualTo(result.timingsMs().total() * 0.9);

        assertReason(() -> invoker.invoke("hello, not an image".getBytes(StandardCharsets.UTF_8), "image/jpeg"),
                Reason.INVALID_IMAGE, "could not read this image");
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
        assertReason(() -> invoker.invoke(gif, "image/png"), Reason.UNSUPPORTED_TYPE, "JPEG or PNG");
        assertReason(() -> invoker.invoke(java.util.Arrays.copyOf(jpeg, 600), "image/jpeg"), Reason.INVALID_IMAGE,
                "");
        assertReason(() -> invoker.invoke(jpeg, "image/gif"), Reason.UNSUPPORTED_TYPE, "JPEG or PNG");
        assertReason(() -> invoker.invoke(new byte[EndpointInvoker.MAX_BODY_BYTES + 1], "image/jpeg"),
                Reason.TOO_LARGE, "6 MB");
        assertThat(PoseResultParser.parse(invoker.invoke(jpeg, "image/jpeg").body()).keypoints())
                .as("a good image after the bad ones").hasSize(17);
    }

    private void awaitObserved(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (observed.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(observed).hasSizeGreaterThanOrEqualTo(count);
    }

    static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason,
            String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EndpointException.class, e -> {
            assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(messagePart).doesNotContain("Exception").doesNotContain("\n");
        });
    }
}
