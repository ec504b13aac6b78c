package com.poseops.endpoints.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.inference.TestPorts;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.pose.PredictionJson;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The failures moto cannot produce (424 ModelError, throttling, 5xx, endpoint states, slow answers), from a small
 * HTTP server that speaks SageMaker's and SageMaker Runtime's wire protocol, so that the real SDK client — its
 * unmarshalling, retry strategy and timeouts — runs as in production.
 */
class SageMakerEndpointInvokerFailuresTest {

    private static final String ENDPOINT = "hp-prediction-endpoint";
    private static final EndpointConfigSettings ENDPOINT_CONFIG = new EndpointConfigSettings("hp-prediction-model",
            "hp-prediction-config", ENDPOINT, "arn:aws:iam::123456789012:role/poseops-sagemaker-execution",
            "hp-prediction-models");
    private static final SageMakerEndpointInvoker.Timeouts SHORT = new SageMakerEndpointInvoker.Timeouts(
            Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(1500), Duration.ofSeconds(2));

    private record Answer(int status, Map<String, String> headers, String body, long delayMillis) {

        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        static Answer error(int status, String type, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type), body, 0);
        }
    }

    private ScriptedAwsServer server;
    private final AtomicInteger describes = new AtomicInteger();
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private volatile Answer describeAnswer = endpointIs("InService", null);
    /** The answer to the n-th InvokeEndpoint request (1-based). */
    private volatile IntFunction<Answer> invokeAnswer = n -> prediction("blue");
    private SageMakerEndpointInvoker client;

    @BeforeEach
    void start() throws IOException {
        server = ScriptedAwsServer.start(this::reply);
        client = client(server.url());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aServingStatusIsRememberedForAFewSeconds() {
        client.invoke(image(), "image/jpeg");
        client.invoke(image(), "image/jpeg");
        client.invoke(image(), "image/jpeg");
        assertThat(describes).hasValue(1);
        assertThat(invocations).hasValue(3);

        clock.addAndGet(Duration.ofSeconds(SageMakerEndpointInvoker.STATUS_TTL_SECONDS + 1).toNanos());
        client.invoke(image(), "image/jpeg");
        assertThat(describes).hasValue(2);
    }

    @Test
    void anEndpointBeingCreatedIsNotInServiceAndIsAskedAgainNextTime() {
        describeAnswer = endpointIs("Creating", null);

        assertFails(Reason.NOT_IN_SERVICE).hasMessageContaining("Creating").hasMessageContaining("few minutes");
        assertFails(Reason.NOT_IN_SERVICE);
        assertThat(describes).hasValue(2);
        assertThat(invocations).hasValue(0);

        describeAnswer = endpointIs("InService", null);
        assertThat(client.invoke(image(), "image/jpeg").variant()).isEqualTo("blue");
    }

    @Test
    void aFailedEndpointSaysWhy() {
        describeAnswer = endpointIs("Failed", "The image '123.dkr.ecr/x:latest' does not exist.\nCheck ECR.");

        assertFails(Reason.NOT_IN_SERVICE).hasMessageContaining("Failed")
                .hasMessageContaining("(The image '123.dkr.ecr/x:latest' does not exist. Check ECR.)")
                .hasMessageContaining("deploy a version again");
        assertThat(invocations).hasValue(0);
    }

    @Test
    void anEndpointBeingUpdatedStillServes() {
        describeAnswer = endpointIs("Updating", null);
        invokeAnswer = n -> prediction("green");

        assertThat(client.invoke(image(), "image/jpeg").variant()).isEqualTo("green");
    }

    @Test
    void aModelErrorCarryingTheServersErrorDocumentKeepsItsMeaningAndIsNotRetried() {
        invokeAnswer = n -> modelError(400, PredictionJson.error("invalid_image", "not a JPEG or PNG"));

        assertFails(Reason.INVALID_IMAGE).hasMessageContaining("not a JPEG or PNG");
        assertThat(invocations).hasValue(1);
    }

    @Test
    void aModelErrorWithoutDocumentPointsToTheLogs() {
        invokeAnswer = n -> modelError(500, "Traceback: segfault in interpreter");

        assertFails(Reason.MODEL_ERROR).hasMessageContaining("HTTP 500")
                .hasMessageContaining("Traceback: segfault in interpreter")
                .hasMessageContaining("/aws/sagemaker/Endpoints/" + ENDPOINT);
        assertThat(invocations).hasValue(1);
    }

    @Test
    void aModelTimeoutIsATimeout() {
        invokeAnswer = n -> modelError(0, "Your invocation timed out while waiting for a response from container primary.");

        assertFails(Reason.TIMEOUT).hasMessageContaining("60 s");
    }

    @Test
    void throttlingIsRetriedOnceThenReported() {
        invokeAnswer = n -> Answer.error(400, "ThrottlingException", "{\"message\":\"Rate exceeded\"}");

        assertFails(Reason.THROTTLED).hasMessageContaining("try again");
        assertThat(invocations).hasValue(2);
    }

    @Test
    void aServiceOutageIsRetriedOnceThenReported() {
        invokeAnswer = n -> Answer.error(503, "ServiceUnavailable", "{\"Message\":\"Service is unavailable\"}");

        assertFails(Reason.UNAVAILABLE).hasMessageContaining("HTTP 503");
        assertThat(invocations).hasValue(2);
    }

    @Test
    void aPassingOutageIsBridgedByTheRetry() {
        invokeAnswer = n -> n == 1 ? Answer.error(500, "InternalFailure", "{\"Message\":\"oops\"}") : prediction("blue");

        assertThat(client.invoke(image(), "image/jpeg").variant()).isEqualTo("blue");
        assertThat(invocations).hasValue(2);
    }

    @Test
    void aModelThatIsNotReadyIsUnavailable() {
        invokeAnswer = n -> Answer.error(429, "ModelNotReadyException", "{\"Message\":\"Model not ready\"}");

        assertFails(Reason.UNAVAILABLE).hasMessageContaining("not ready");
    }

    @Test
    void anEndpointDeletedSinceTheLastCheckIsNotDeployed() {
        client.invoke(image(), "image/jpeg"); // remembers InService
        describeAnswer = Answer.error(400, "ValidationException",
                "{\"__type\":\"ValidationException\",\"message\":\"Could not find endpoint \\\"" + ENDPOINT + "\\\".\"}");
        invokeAnswer = n -> Answer.error(400, "ValidationError",
                "{\"Message\":\"Endpoint " + ENDPOINT + " of account 123456789012 not found.\"}");

        assertFails(Reason.NOT_DEPLOYED).hasMessageContaining("deploy a version on the Endpoints page");
        assertThat(describes).hasValue(2);
    }

    @Test
    void aSlowAnswerIsATimeout() {
        invokeAnswer = n -> new Answer(200, Map.of("Content-Type", "application/json"),
                PredictionJson.json(PredictionJson.prediction(640, 480)), 3_000);

        long start = System.nanoTime();
        assertFails(Reason.TIMEOUT).hasMessageContaining("within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void missingPermissionIsAccessDenied() {
        invokeAnswer = n -> Answer.error(403, "AccessDeniedException",
                "{\"Message\":\"User is not authorized to perform: sagemaker:InvokeEndpoint\"}");

        assertFails(Reason.ACCESS_DENIED).hasMessageContaining("sagemaker:InvokeEndpoint");
        assertThat(invocations).hasValue(1);
    }

    @Test
    void aRoleThatMayNotDescribeStillInvokes() {
        describeAnswer = Answer.error(400, "AccessDeniedException", "{\"__type\":\"AccessDeniedException\",\"message\":\"no\"}");

        assertThat(client.invoke(image(), "image/jpeg").variant()).isEqualTo("blue");
    }

    @Test
    void anUnreachableSageMakerIsUnavailable() throws IOException {
        int closedPort = TestPorts.freeLoopbackPort();
        try (SageMakerEndpointInvoker unreachable = client("http://127.0.0.1:" + closedPort)) {
            assertThatThrownBy(() -> unreachable.invoke(image(), "image/jpeg"))
                    .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE))
                    .hasMessageContaining("could not be reached");
        }
    }

    // ---- the fake SageMaker ----

    private ScriptedAwsServer.Reply reply(HttpExchange exchange, String body) {
        Answer answer;
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if ("SageMaker.DescribeEndpoint".equals(target)) {
            describes.incrementAndGet();
            answer = describeAnswer;
        } else if (exchange.getRequestURI().getPath().equals("/endpoints/" + ENDPOINT + "/invocations")) {
            assertThat(exchange.getRequestHeaders().getFirst("Accept")).isEqualTo("application/json");
            answer = invokeAnswer.apply(invocations.incrementAndGet());
        } else {
            answer = Answer.error(400, "UnknownOperationException", "{}");
        }
        return new ScriptedAwsServer.Reply(answer.status(), answer.headers(), answer.body(), answer.delayMillis());
    }

    private static Answer endpointIs(String status, String failureReason) {
        String reason = failureReason == null ? "" : ",\"FailureReason\":" + PredictionJson.json(failureReason);
        return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.1"),
                "{\"EndpointName\":\"" + ENDPOINT + "\",\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint/"
                        + ENDPOINT + "\",\"EndpointConfigName\":\"hp-prediction-config\",\"EndpointStatus\":\"" + status
                        + "\",\"CreationTime\":1.7E9,\"LastModifiedTime\":1.7E9" + reason + "}", 0);
    }

    private static Answer prediction(String variant) {
        return new Answer(200, Map.of("Content-Type", "application/json", "x-Amzn-Invoked-Production-Variant", variant),
                PredictionJson.json(PredictionJson.prediction(640, 480)), 0);
    }

    private static Answer modelError(int originalStatus, String originalMessage) {
        String status = originalStatus == 0 ? "" : "\"OriginalStatusCode\":" + originalStatus + ",";
        return Answer.error(424, "ModelError", "{\"Message\":\"Received client error from primary\"," + status
                + "\"OriginalMessage\":" + PredictionJson.json(originalMessage) + ",\"LogStreamArn\":"
                + "\"arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/" + ENDPOINT + "\"}");
    }

    private SageMakerEndpointInvoker client(String endpoint) {
        AwsClients aws = new AwsClients(new AwsSettings("us-east-1", endpoint, false, "test-"));
        return new SageMakerEndpointInvoker(aws, ENDPOINT_CONFIG, SHORT, clock::get);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertFails(Reason reason) {
        return assertThatThrownBy(() -> client.invoke(image(), "image/jpeg"))
                .isInstanceOfSatisfying(EndpointException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] image() {
        return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    }
}
