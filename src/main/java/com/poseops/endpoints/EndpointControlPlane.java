package com.poseops.endpoints;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port of the endpoints feature: the part of SageMaker's API a deployment needs, in SageMaker's vocabulary, with
 * one adapter per mode. aws: SageMaker itself (CreateModel, CreateEndpointConfig, CreateEndpoint, UpdateEndpoint with
 * a blue/green {@code DeploymentConfig}, DescribeEndpoint, CloudWatch alarms). local: a control plane of real
 * inference-server processes behind the local front door, which carries out the same blue/green policy itself.
 * <p>
 * Like SageMaker, the control plane runs a deployment by itself once it is started; the caller (the endpoint service)
 * follows it through {@link #describe()}. Adapters check no roles and write no audit entries: the service does both.
 * Every method may throw {@link EndpointUnavailableException} (AWS throttling, 5xx or timeouts after the adapter's own
 * retries; a local failure) with a message a person can act on.
 */
public interface EndpointControlPlane {

    /** The endpoint's name ({@code EndpointConfig.endpointName}). */
    String endpointName();

    /** DescribeEndpoint; empty when the endpoint does not exist (nothing was ever deployed, or it was deleted). */
    Optional<EndpointDescription> describe();

    /**
     * First deploy: makes the model and a new endpoint configuration for {@code target} and creates the endpoint on it.
     *
     * @return the name of the new endpoint configuration
     */
    String create(DeploymentTarget target);

    /**
     * A later deploy: makes the model and a new endpoint configuration for {@code target}, then updates the endpoint to
     * it with a blue/green deployment following {@code policy}, guarded by {@code alarms} when the policy says so.
     *
     * @return the name of the new endpoint configuration
     * @throws EndpointBusyException when the endpoint is not InService (another update is in progress)
     */
    String update(DeploymentTarget target, DeploymentPolicy policy, List<RollbackAlarm> alarms);

    /**
     * A rollback: updates the endpoint back to an existing configuration (the previous deployment's) with the same
     * blue/green machinery.
     *
     * @throws EndpointBusyException when the endpoint is not InService
     */
    void updateTo(String existingEndpointConfigName, DeploymentPolicy policy, List<RollbackAlarm> alarms);

    /**
     * Stops the deployment in progress and sends all traffic back to the old fleet. SageMaker has no call for this:
     * the aws adapter sets one of the deployment's rollback alarms to ALARM ({@code SetAlarmState}), which makes
     * SageMaker roll back as soon as it checks; the local control plane switches back at once.
     *
     * @param reason why, as the person gave it (kept with the alarm state / the local record)
     */
    void abortDeployment(String reason);

    /** Creates or updates the rollback alarms (aws: {@code PutMetricAlarm}; local: the rules the front door checks). */
    void putAlarms(List<RollbackAlarm> alarms);

    /** The current state of each named alarm (missing names are left out). */
    Map<String, RollbackAlarm.State> alarmStates(Collection<String> alarmNames);

    /**
     * Deletes the endpoint configurations (and their models) that are not in {@code keep}. The service keeps the
     * serving one and the last few a rollback may need; never delete a configuration a rollback may need.
     */
    void deleteConfigsExcept(Collection<String> keep);

    /** Where a client sends InvokeEndpoint: SageMaker Runtime's URL (aws) or the local front door's (local). */
    URI invocationUrl();

    /**
     * Calls {@code listener} (on a background thread, quickly) whenever the endpoint changes by itself, so that the
     * poller can look at once instead of waiting for its next turn. The local control plane pushes every change;
     * SageMaker pushes nothing (the default), and the poller polls.
     *
     * @return a handle that removes the listener
     */
    default Runnable onChange(Runnable listener) {
        return () -> { };
    }
}
