package com.poseops.endpoints.aws;

import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.DeploymentTarget;
import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointControlPlane;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.aws.InferenceImage;
import com.poseops.platform.config.DataCaptureSettings;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;

/**
 * The endpoints port on Amazon SageMaker (decisions 0031, 0090–0092). SageMaker carries out a deployment by itself
 * once {@code UpdateEndpoint} has started it; this adapter starts it and describes it.
 * <ul>
 * <li>{@link #create}: CreateModel → CreateEndpointConfig → CreateEndpoint.</li>
 * <li>{@link #update}: the rollback alarms (PutMetricAlarm), a new model and configuration, then UpdateEndpoint with a
 * blue/green {@code DeploymentConfig}; {@link #updateTo}: UpdateEndpoint back to an existing configuration.</li>
 * <li>{@link #abortDeployment}: SetAlarmState ALARM on one of the deployment's rollback alarms — SageMaker has no call
 * to stop a deployment, an alarm during baking makes it roll back.</li>
 * <li>{@link #describe}: DescribeEndpoint, with the models behind each variant.</li>
 * </ul>
 * A call that fails in transit is retried (see {@link AwsCalls}); a retried create that AWS had carried out the first
 * time ("already exists", "in progress" with our configuration) counts as done, and a model or configuration made for
 * a deployment that did not start is deleted again.
 */
public final class SageMakerControlPlane implements EndpointControlPlane, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SageMakerControlPlane.class);

    /** SageMaker's limit on the alarms of an AutoRollbackConfiguration. */
    private static final int MAX_ROLLBACK_ALARMS = 10;

    private final SageMakerClient sageMaker;
    private final CloudWatchClient cloudWatch;
    private final AwsCalls calls;
    private final String endpointName;
    private final String region;
    private final URI invocationUrl;
    private final DeploymentNames names;
    private final SageMakerRequests requests;
    private final EndpointDescriber describer;
    private final CloudWatchRollbackAlarms alarms;
    private final ConfigCleanup cleanup;
    private final DeploymentAborts aborts;
    /** The rollback alarms of the last deployment this console started (when SageMaker's answer lacks them). */
    private volatile List<String> lastAlarmNames = List.of();

    public SageMakerControlPlane(AwsClients aws, EndpointConfigSettings endpointConfig,
            InferenceConfigSettings inferenceConfig, DataCaptureSettings capture, S3Settings s3) {
        this(aws, endpointConfig, inferenceConfig, capture, s3, AwsCalls.Limits.AWS, Clock.systemUTC());
    }

    SageMakerControlPlane(AwsClients aws, EndpointConfigSettings endpointConfig,
            InferenceConfigSettings inferenceConfig, DataCaptureSettings capture, S3Settings s3,
            AwsCalls.Limits limits, Clock clock) {
        this.region = aws.region().id();
        this.calls = new AwsCalls(limits, region);
        this.sageMaker = aws.build(calls.configure(SageMakerClient.builder()));
        this.cloudWatch = aws.build(calls.configure(CloudWatchClient.builder()));
        this.endpointName = endpointConfig.endpointName();
        this.invocationUrl = invocationUrl(aws, endpointName);
        this.names = new DeploymentNames(endpointConfig.modelName(), endpointConfig.endpointConfigName(), clock);
        String image = InferenceImage.uri(accountOf(endpointConfig.roleArn()), aws.region(),
                inferenceConfig.ecrInferenceImageName());
        this.requests = new SageMakerRequests(endpointConfig.roleArn(), image, capture, s3);
        this.describer = new EndpointDescriber(sageMaker, calls);
        this.alarms = new CloudWatchRollbackAlarms(cloudWatch, calls, endpointName);
        this.cleanup = new ConfigCleanup(sageMaker, calls, names, describer);
        this.aborts = new DeploymentAborts(alarms, clock);
    }

    @Override
    public String endpointName() {
        return endpointName;
    }

    @Override
    public Optional<EndpointDescription> describe() {
        Optional<DescribeEndpointResponse> endpoint = describeEndpoint();
        aborts.follow(endpoint.orElse(null));
        return endpoint.map(describer::describe);
    }

    @Override
    public String create(DeploymentTarget target) {
        if (describeEndpoint().isPresent()) {
            throw new EndpointBusyException("Endpoint " + endpointName + " exists already in " + region
                    + " — deploy the version to update it.");
        }
        DeploymentNames.Pair made = makeModelAndConfig(target);
        try {
            sageMaker.createEndpoint(request -> request.endpointName(endpointName)
                    .endpointConfigName(made.configName()));
        } catch (SdkException e) {
            if (!servesOrRollsOut(made.configName())) { // else: a retry of a call that had succeeded
                deleteQuietly(made);
                throw calls.translate(AwsOperation.CREATE_ENDPOINT, e);
            }
        }
        log.info("Creating endpoint {} on {} (version {}, {} × {})", endpointName, made.configName(),
                target.version(), target.instanceCount(), target.instanceType());
        return made.configName();
    }

    @Override
    public String update(DeploymentTarget target, DeploymentPolicy policy, List<RollbackAlarm> rollbackAlarms) {
        requireInService();
        List<RollbackAlarm> guards = guards(policy, rollbackAlarms);
        alarms.put(guards); // they must exist before UpdateEndpoint names them
        DeploymentNames.Pair made = makeModelAndConfig(target);
        try {
            startUpdate(made.configName(), policy, guards);
        } catch (RuntimeException e) {
            deleteQuietly(made);
            throw e;
        }
        log.info("Deploying version {} to endpoint {}: {} ({} % steps, {} s bake), alarms {}", target.version(),
                endpointName, made.configName(), policy.stepPercent(), policy.waitIntervalSeconds(), lastAlarmNames);
        return made.configName();
    }

    @Override
    public void updateTo(String existingEndpointConfigName, DeploymentPolicy policy,
            List<RollbackAlarm> rollbackAlarms) {
        requireInService();
        if (describer.variantsOf(existingEndpointConfigName).isEmpty()) {
            throw new EndpointUnavailableException("Endpoint configuration " + existingEndpointConfigName
                    + " no longer exists in SageMaker, so endpoint " + endpointName + " cannot go back to it — deploy "
                    + "that version again instead.", null);
        }
        List<RollbackAlarm> guards = guards(policy, rollbackAlarms);
        alarms.put(guards);
        startUpdate(existingEndpointConfigName, policy, guards);
        log.info("Rolling endpoint {} back to {}", endpointName, existingEndpointConfigName);
    }

    @Override
    public void abortDeployment(String reason) {
        DescribeEndpointResponse endpoint = describeEndpoint().orElse(null);
        if (endpoint == null || endpoint.pendingDeploymentSummary() == null) {
            log.info("Abort of endpoint {}: no deployment in progress, nothing to do", endpointName);
            return;
        }
        aborts.abort(endpoint, lastAlarmNames, reason);
    }

    @Override
    public void putAlarms(List<RollbackAlarm> rollbackAlarms) {
        alarms.put(rollbackAlarms);
    }

    @Override
    public Map<String, RollbackAlarm.State> alarmStates(Collection<String> alarmNames) {
        return alarms.states(alarmNames);
    }

    @Override
    public void deleteConfigsExcept(Collection<String> keep) {
        cleanup.deleteExcept(keep, describeEndpoint().orElse(null));
    }

    @Override
    public URI invocationUrl() {
        return invocationUrl;
    }

    @Override
    public void close() {
        sageMaker.close();
        cloudWatch.close();
    }

    // ---- steps ----

    private Optional<DescribeEndpointResponse> describeEndpoint() {
        return calls.find(AwsOperation.DESCRIBE_ENDPOINT,
                () -> sageMaker.describeEndpoint(request -> request.endpointName(endpointName)));
    }

    private void requireInService() {
        DescribeEndpointResponse endpoint = describeEndpoint().orElseThrow(() -> new EndpointUnavailableException(
                "Endpoint " + endpointName + " does not exist in " + region + " (any more) — deploy a version to "
                        + "create it.", null));
        if (endpoint.endpointStatus() != EndpointStatus.IN_SERVICE) {
            throw new EndpointBusyException("Endpoint " + endpointName + " is " + endpoint.endpointStatusAsString()
                    + " — wait until it is InService, then try again.");
        }
    }

    private static List<RollbackAlarm> guards(DeploymentPolicy policy, List<RollbackAlarm> rollbackAlarms) {
        if (!policy.autoRollback()) {
            return List.of();
        }
        if (rollbackAlarms.isEmpty() || rollbackAlarms.size() > MAX_ROLLBACK_ALARMS) {
            throw new IllegalArgumentException("Automatic rollback needs 1–" + MAX_ROLLBACK_ALARMS
                    + " rollback alarms (SageMaker's limit); got " + rollbackAlarms.size() + ".");
        }
        return List.copyOf(rollbackAlarms);
    }

    private DeploymentNames.Pair makeModelAndConfig(DeploymentTarget target) {
        DeploymentNames.Pair made = names.next(target.version());
        createOnce(AwsOperation.CREATE_MODEL, () -> sageMaker.createModel(requests.createModel(made.modelName(),
                target)));
        try {
            createOnce(AwsOperation.CREATE_ENDPOINT_CONFIG, () -> sageMaker.createEndpointConfig(
                    requests.createEndpointConfig(made.configName(), made.modelName(), target)));
        } catch (RuntimeException e) {
            deleteModelQuietly(made.modelName());
            throw e;
        }
        return made;
    }

    /** A create whose name is new to this call: "already exists" means an earlier attempt of it succeeded. */
    private void createOnce(AwsOperation operation, Supplier<?> create) {
        try {
            create.get();
        } catch (SdkException e) {
            if (!AwsCalls.isAlreadyExists(e)) {
                throw calls.translate(operation, e);
            }
            log.info("{}: already made by an earlier attempt of the same call", operation.action());
        }
    }

    private void startUpdate(String configName, DeploymentPolicy policy, List<RollbackAlarm> guards) {
        try {
            sageMaker.updateEndpoint(request -> request.endpointName(endpointName).endpointConfigName(configName)
                    .deploymentConfig(SageMakerRequests.deploymentConfig(policy, guards)));
        } catch (SdkException e) {
            if (!servesOrRollsOut(configName)) { // else: a retry of a call that had succeeded
                throw calls.translate(AwsOperation.UPDATE_ENDPOINT, e);
            }
        }
        lastAlarmNames = guards.stream().map(RollbackAlarm::name).toList();
        aborts.forget();
    }

    /** Whether the endpoint is being moved to, or created on, this configuration (to tell a lost success). */
    private boolean servesOrRollsOut(String configName) {
        try {
            return describeEndpoint().map(endpoint -> endpoint.pendingDeploymentSummary() != null
                    ? configName.equals(endpoint.pendingDeploymentSummary().endpointConfigName())
                    : endpoint.endpointStatus() == EndpointStatus.CREATING
                    && configName.equals(endpoint.endpointConfigName())).orElse(false);
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    private void deleteQuietly(DeploymentNames.Pair made) {
        try {
            sageMaker.deleteEndpointConfig(request -> request.endpointConfigName(made.configName()));
        } catch (SdkException e) {
            log.warn("Could not delete the unused endpoint configuration {}: {}", made.configName(), e.getMessage());
        }
        deleteModelQuietly(made.modelName());
    }

    private void deleteModelQuietly(String modelName) {
        try {
            sageMaker.deleteModel(request -> request.modelName(modelName));
        } catch (SdkException e) {
            log.warn("Could not delete the unused model {}: {}", modelName, e.getMessage());
        }
    }

    /** The account of the execution role: SageMaker only takes roles of its own account (iam:PassRole). */
    static String accountOf(String roleArn) {
        String[] parts = roleArn.split(":", 6);
        if (parts.length < 6 || !parts[4].matches("\\d{12}")) {
            throw new IllegalArgumentException("EndpointConfig.roleArn is not an IAM role ARN: " + roleArn);
        }
        return parts[4];
    }

    /** SageMaker Runtime's InvokeEndpoint URL; with an endpoint override (moto), the override's. */
    static URI invocationUrl(AwsClients aws, String endpointName) {
        String path = "/endpoints/" + endpointName + "/invocations";
        URI override = aws.endpointOverride();
        if (override != null) {
            return override.resolve(path);
        }
        return URI.create("https://runtime.sagemaker." + aws.region().id() + "." + AwsClients.dnsSuffix(aws.region())
                + path);
    }
}
