package com.poseops.endpoints.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointDescription.Status;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.inference.TestPorts;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * What moto cannot do — throttle, fail with 5xx, answer slowly, deny access, refuse a request — from a small HTTP
 * server speaking SageMaker's (awsJson 1.1) and CloudWatch's (awsQuery) wire protocols, so that the real SDK clients
 * with the control plane's retry strategy and time limits run as in production.
 */
class SageMakerControlPlaneFailuresTest {

    private static final String ENDPOINT = SageMakerControlPlaneTest.ENDPOINT;
    /** Four attempts as in production, but short waits: the retries are what is tested, not their length. */
    private static final AwsCalls.Limits SHORT = new AwsCalls.Limits(4, Duration.ofSeconds(2), Duration.ofMillis(500),
            BackoffStrategy.fixedDelay(Duration.ofMillis(20)), BackoffStrategy.fixedDelay(Duration.ofMillis(20)));
    private static final String CLOUDWATCH_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private record Answer(int status, String contentType, String body, long delayMillis) {
    }

    @FunctionalInterface
    private interface Script {
        /** The answer to the n-th call (1-based) of one operation. */
        Answer answer(int call);
    }

    private ScriptedAwsServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private SageMakerControlPlane controlPlane;

    @BeforeEach
    void start() throws IOException {
        server = ScriptedAwsServer.start(this::reply);
        controlPlane = controlPlane(server.url());
    }

    @AfterEach
    void stop() {
        controlPlane.close();
        server.close();
    }

    @Test
    void throttlingIsRetriedWithBackoffThenSaysWhatToDo() {
        scripts.put("DescribeEndpoint", n -> error(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> controlPlane.describe()).isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("AWS is throttling PoseOps' SageMaker DescribeEndpoint calls")
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("wait a minute and try again");
        assertThat(calls("DescribeEndpoint")).isEqualTo(4);
    }

    @Test
    void aServiceFailureIsRetriedThenReported() {
        scripts.put("DescribeEndpoint", n -> error(500, "InternalFailure", "We encountered an internal error."));

        assertThatThrownBy(() -> controlPlane.describe()).isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("SageMaker failed to carry out DescribeEndpoint 4 times")
                .hasMessageContaining("HTTP 500 InternalFailure")
                .hasMessageContaining("try again in a few minutes");
        assertThat(calls("DescribeEndpoint")).isEqualTo(4);
    }

    @Test
    void aPassingOutageIsBridgedByTheRetries() {
        scripts.put("DescribeEndpoint", n -> n <= 2 ? error(503, "ServiceUnavailable", "Please try again")
                : inService());

        assertThat(controlPlane.describe().orElseThrow().status()).isEqualTo(Status.IN_SERVICE);
        assertThat(calls("DescribeEndpoint")).isEqualTo(3);
    }

    @Test
    void aSlowAnswerIsRetriedWithinTheCallsTimeLimitThenReported() {
        scripts.put("DescribeEndpoint", n -> new Answer(200, "application/x-amz-json-1.1", "{}", 3_000));

        long start = System.nanoTime();
        assertThatThrownBy(() -> controlPlane.describe()).isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("SageMaker did not answer DescribeEndpoint in time")
                .hasMessageContaining("within 2 s")
                .hasMessageContaining("AWS Health Dashboard for us-east-1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(calls("DescribeEndpoint")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aMissingPermissionSaysWhichOneAndIsNotRetried() {
        scripts.put("DescribeEndpoint", n -> notFound());
        scripts.put("CreateModel", n -> error(400, "AccessDeniedException", "User: arn:aws:sts::123456789012:"
                + "assumed-role/poseops is not authorized to perform: sagemaker:CreateModel"));

        assertThatThrownBy(() -> controlPlane.create(SageMakerControlPlaneTest.target(1)))
                .isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("PoseOps may not call SageMaker CreateModel")
                .hasMessageContaining("grant the console's AWS role sagemaker:CreateModel, sagemaker:AddTags "
                        + "(tags given at creation) and iam:PassRole on EndpointConfig.roleArn");
        assertThat(calls("CreateModel")).isEqualTo(1);
        assertThat(calls("CreateEndpointConfig")).isZero();
    }

    @Test
    void aRefusedConfigurationSaysWhatToCheckAndTheModelMadeForItIsDeleted() {
        scripts.put("DescribeEndpoint", n -> notFound());
        scripts.put("CreateEndpointConfig", n -> error(400, "ValidationException",
                "1 validation error detected: Value 'ml.m5.huge' at 'productionVariants.1.member.instanceType' "
                        + "failed to satisfy constraint"));

        assertThatThrownBy(() -> controlPlane.create(SageMakerControlPlaneTest.target(1)))
                .isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("SageMaker refused CreateEndpointConfig: 1 validation error detected: Value "
                        + "'ml.m5.huge'")
                .hasMessageContaining("check Instance.instanceType, Instance.instanceCount");
        assertThat(calls("CreateEndpointConfig")).isEqualTo(1);
        assertThat(calls("CreateEndpoint")).isZero();
        assertThat(deleted).singleElement().asString().startsWith("DeleteModel hp-prediction-model-v1-");
    }

    @Test
    void aRetriedCreateThatHadSucceededTheFirstTimeCountsAsDone() {
        scripts.put("DescribeEndpoint", n -> notFound());
        scripts.put("CreateModel", n -> n == 1 ? error(500, "InternalFailure", "lost answer")
                : error(400, "ValidationException", "Cannot create already existing model \"arn:aws:sagemaker:"
                        + "us-east-1:123456789012:model/hp-prediction-model-v1-20260101000000000\"."));

        String config = controlPlane.create(SageMakerControlPlaneTest.target(1));

        assertThat(config).startsWith("hp-prediction-config-v1-");
        assertThat(calls("CreateModel")).isEqualTo(2);
        assertThat(calls("CreateEndpointConfig")).isEqualTo(1);
        assertThat(calls("CreateEndpoint")).isEqualTo(1);
        assertThat(deleted).isEmpty();
    }

    @Test
    void anUpdateRefusedAsInProgressIsBusyAndLeavesNothingBehind() {
        scripts.put("UpdateEndpoint", n -> error(400, "ValidationException",
                "Cannot update in-progress endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/" + ENDPOINT
                        + "\"."));

        assertThatThrownBy(() -> controlPlane.update(SageMakerControlPlaneTest.target(2),
                SageMakerControlPlaneTest.LINEAR, SageMakerControlPlaneTest.ALARMS))
                .isInstanceOf(EndpointBusyException.class)
                .hasMessageContaining("being updated already")
                .hasMessageContaining("wait until it is InService");
        assertThat(calls("PutMetricAlarm")).isEqualTo(2);
        assertThat(deleted).hasSize(2).anySatisfy(d -> assertThat(d).startsWith("DeleteEndpointConfig "
                + "hp-prediction-config-v2-")).anySatisfy(d -> assertThat(d).startsWith("DeleteModel "
                + "hp-prediction-model-v2-"));
    }

    @Test
    void cloudWatchThrottlingIsRetriedThenReportedAsCloudWatchs() {
        scripts.put("PutMetricAlarm", n -> queryError(400, "Throttling", "Rate exceeded"));

        assertThatThrownBy(() -> controlPlane.putAlarms(SageMakerControlPlaneTest.ALARMS))
                .isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("AWS is throttling PoseOps' CloudWatch PutMetricAlarm calls");
        assertThat(calls("PutMetricAlarm")).isEqualTo(4);
    }

    @Test
    void aCloudWatchAccessDenialNamesThePermission() {
        scripts.put("SetAlarmState", n -> queryError(403, "AccessDenied", "not authorized"));
        scripts.put("DescribeEndpoint", n -> updating());

        assertThatThrownBy(() -> controlPlane.abortDeployment("stop"))
                .isInstanceOf(EndpointUnavailableException.class)
                .hasMessageContaining("grant the console's AWS role cloudwatch:SetAlarmState");
        assertThat(calls("SetAlarmState")).isEqualTo(1);
    }

    @Test
    void anUnreachableSageMakerIsUnavailable() {
        try (SageMakerControlPlane unreachable = controlPlane("http://127.0.0.1:" + TestPorts.freeLoopbackPort())) {
            assertThatThrownBy(unreachable::describe).isInstanceOf(EndpointUnavailableException.class)
                    .hasMessageContaining("could not be reached")
                    .hasMessageContaining("check the network");
        }
    }

    // ---- the fake SageMaker and CloudWatch ----

    private ScriptedAwsServer.Reply reply(HttpExchange exchange, String body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null ? target.substring(target.indexOf('.') + 1) : formValue(body, "Action");
        int call = calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        Script script = scripts.get(operation);
        Answer answer = script != null ? script.answer(call) : standard(operation, body);
        if (answer.status() == 200 && operation.startsWith("Delete")) {
            deleted.add(operation + " " + jsonValue(body, operation.equals("DeleteModel") ? "ModelName"
                    : "EndpointConfigName"));
        }
        return new ScriptedAwsServer.Reply(answer.status(), Map.of("Content-Type", answer.contentType()),
                answer.body(), answer.delayMillis());
    }

    private static Answer standard(String operation, String body) {
        return switch (operation) {
            case "DescribeEndpoint" -> inService();
            case "DescribeEndpointConfig" -> json("{\"EndpointConfigName\":\"hp-prediction-config-v1-20260101000000000\","
                    + "\"EndpointConfigArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/x\","
                    + "\"ProductionVariants\":[],\"CreationTime\":1.7E9}");
            case "CreateModel" -> json("{\"ModelArn\":\"arn:aws:sagemaker:us-east-1:123456789012:model/m\"}");
            case "CreateEndpointConfig" -> json("{\"EndpointConfigArn\":\"arn:aws:sagemaker:us-east-1:123456789012:"
                    + "endpoint-config/c\"}");
            case "CreateEndpoint", "UpdateEndpoint" -> json("{\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:"
                    + "123456789012:endpoint/" + ENDPOINT + "\"}");
            case "DeleteEndpointConfig", "DeleteModel" -> json("{}");
            case "PutMetricAlarm", "SetAlarmState" -> query(operation, "");
            case "DescribeAlarms" -> query(operation, "<DescribeAlarmsResult><MetricAlarms/><CompositeAlarms/>"
                    + "</DescribeAlarmsResult>");
            default -> error(400, "UnknownOperationException", "not faked: " + operation + " " + body);
        };
    }

    private static Answer inService() {
        return endpoint("InService", "");
    }

    private static Answer updating() {
        return endpoint("Updating", ",\"PendingDeploymentSummary\":{\"EndpointConfigName\":"
                + "\"hp-prediction-config-v2-20260101000000000\",\"StartTime\":1.7E9,\"ProductionVariants\":[]},"
                + "\"LastDeploymentConfig\":{\"AutoRollbackConfiguration\":{\"Alarms\":[{\"AlarmName\":"
                + "\"poseops-hp-prediction-endpoint-latency\"}]}}");
    }

    private static Answer endpoint(String status, String more) {
        return json("{\"EndpointName\":\"" + ENDPOINT + "\",\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:123456789012:"
                + "endpoint/" + ENDPOINT + "\",\"EndpointConfigName\":\"hp-prediction-config-v1-20260101000000000\","
                + "\"EndpointStatus\":\"" + status + "\",\"ProductionVariants\":[],\"CreationTime\":1.7E9,"
                + "\"LastModifiedTime\":1.7E9" + more + "}");
    }

    private static Answer notFound() {
        return error(400, "ValidationException", "Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:"
                + "endpoint/" + ENDPOINT + "\".");
    }

    private static Answer json(String body) {
        return new Answer(200, "application/x-amz-json-1.1", body, 0);
    }

    private static Answer error(int status, String type, String message) {
        return new Answer(status, "application/x-amz-json-1.1", "{\"__type\":\"" + type + "\",\"message\":\""
                + message.replace("\"", "\\\"") + "\"}", 0);
    }

    private static Answer query(String operation, String result) {
        return new Answer(200, "text/xml", "<" + operation + "Response xmlns=\"" + CLOUDWATCH_NS + "\">" + result
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" + operation + "Response>", 0);
    }

    private static Answer queryError(int status, String code, String message) {
        return new Answer(status, "text/xml", "<ErrorResponse xmlns=\"" + CLOUDWATCH_NS + "\"><Error><Type>Sender"
                + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>r</RequestId>"
                + "</ErrorResponse>", 0);
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts.length == 2 && parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return "unknown";
    }

    private static String jsonValue(String json, String field) {
        int at = json.indexOf("\"" + field + "\":\"");
        if (at < 0) {
            return "?";
        }
        int start = at + field.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    private static SageMakerControlPlane controlPlane(String endpoint) {
        AwsClients aws = new AwsClients(new AwsSettings("us-east-1", endpoint, false, "test-"));
        return new SageMakerControlPlane(aws, SageMakerControlPlaneTest.ENDPOINT_CONFIG,
                SageMakerControlPlaneTest.INFERENCE_CONFIG, SageMakerControlPlaneTest.CAPTURE,
                SageMakerControlPlaneTest.S3, SHORT, Clock.systemUTC());
    }
}
