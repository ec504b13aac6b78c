package com.poseops.endpoints.aws;

import com.poseops.endpoints.RollbackAlarm;
import com.poseops.platform.Text;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The rollback alarms in CloudWatch (decision 0091): one {@code PutMetricAlarm} per {@link RollbackAlarm} on SageMaker's
 * per-minute metrics of the endpoint's variant, and the abort that SageMaker has no call for.
 * <ul>
 * <li>latency: {@code AWS/SageMaker ModelLatency}, Average, above the threshold in microseconds;</li>
 * <li>errors: {@code AWS/SageMaker Invocation5XXErrors}, Average (each request counts 1 or 0, so the average is the
 * error rate), above the rate;</li>
 * <li>dimensions {@code EndpointName} + {@code VariantName}: both fleets of a blue/green deployment carry the same
 * variant name, so the alarm sees all traffic of the endpoint, the new fleet's included;</li>
 * <li>{@code TreatMissingData = notBreaching}: a minute without requests is no evidence against the new version (with
 * {@code breaching} every quiet deployment would roll back; with {@code missing} the alarm could sit in
 * INSUFFICIENT_DATA, which SageMaker ignores anyway).</li>
 * </ul>
 * An abort sets one alarm to ALARM with a reason starting with {@value #ABORT_REASON_PREFIX}. CloudWatch keeps that
 * state only until its next evaluation (about a minute), and {@code PutMetricAlarm} leaves it as it is; so the
 * control plane raises it again while the aborted deployment is still running, and once it has ended sets the alarm
 * back to OK ({@link #clearAborts}) so that the next deployment is not rolled back by a stale abort.
 */
final class CloudWatchRollbackAlarms {

    private static final Logger log = LoggerFactory.getLogger(CloudWatchRollbackAlarms.class);

    static final String NAMESPACE = "AWS/SageMaker";
    static final String ABORT_REASON_PREFIX = "PoseOps abort: ";
    /** CloudWatch's limit on StateReason. */
    private static final int MAX_REASON = 1023;

    private final CloudWatchClient cloudWatch;
    private final AwsCalls calls;
    private final String endpointName;

    CloudWatchRollbackAlarms(CloudWatchClient cloudWatch, AwsCalls calls, String endpointName) {
        this.cloudWatch = cloudWatch;
        this.calls = calls;
        this.endpointName = endpointName;
    }

    /** Creates or updates each alarm; clears a stale abort state left on any of them. */
    void put(List<RollbackAlarm> alarms) {
        for (RollbackAlarm alarm : alarms) {
            calls.run(AwsOperation.PUT_METRIC_ALARM, () -> cloudWatch.putMetricAlarm(request(alarm)));
        }
        clearAborts(alarms.stream().map(RollbackAlarm::name).toList());
    }

    PutMetricAlarmRequest request(RollbackAlarm alarm) {
        String metric = switch (alarm.kind()) {
            case LATENCY -> "ModelLatency";
            case ERROR_RATE -> "Invocation5XXErrors";
        };
        String meaning = switch (alarm.kind()) {
            case LATENCY -> String.format(Locale.ROOT, "average model latency above %.0f µs",
                    alarm.threshold());
            case ERROR_RATE -> String.format(Locale.ROOT, "more than %.1f %% of requests answered 5xx",
                    alarm.threshold() * 100);
        };
        return PutMetricAlarmRequest.builder()
                .alarmName(alarm.name())
                .alarmDescription("PoseOps rollback alarm of endpoint " + endpointName + ": " + meaning
                        + ". SageMaker rolls a blue/green deployment back while it is in ALARM.")
                .namespace(NAMESPACE)
                .metricName(metric)
                .dimensions(Dimension.builder().name("EndpointName").value(endpointName).build(),
                        Dimension.builder().name("VariantName").value(DeploymentNames.VARIANT_NAME).build())
                .statistic(Statistic.AVERAGE)
                .period(alarm.periodSeconds())
                .evaluationPeriods(alarm.evaluationPeriods())
                .datapointsToAlarm(alarm.datapointsToAlarm())
                .threshold(alarm.threshold())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData("notBreaching")
                .build();
    }

    /** The state of each named alarm that exists. */
    Map<String, RollbackAlarm.State> states(Collection<String> alarmNames) {
        Map<String, RollbackAlarm.State> states = new LinkedHashMap<>();
        for (MetricAlarm alarm : describe(alarmNames)) {
            states.put(alarm.alarmName(), alarm.stateValue() == StateValue.ALARM ? RollbackAlarm.State.ALARM
                    : alarm.stateValue() == StateValue.OK ? RollbackAlarm.State.OK
                    : RollbackAlarm.State.INSUFFICIENT_DATA);
        }
        return states;
    }

    /** Sets the alarm to ALARM so that SageMaker rolls the deployment back at its next look. */
    void raiseForAbort(String alarmName, String reason) {
        String stateReason = Text.printable(ABORT_REASON_PREFIX + reason, MAX_REASON);
        calls.run(AwsOperation.SET_ALARM_STATE, () -> cloudWatch.setAlarmState(request -> request
                .alarmName(alarmName).stateValue(StateValue.ALARM).stateReason(stateReason)));
    }

    /** Sets every named alarm that is in ALARM because of an abort back to OK (CloudWatch re-evaluates it). */
    void clearAborts(Collection<String> alarmNames) {
        for (MetricAlarm alarm : describe(alarmNames)) {
            if (alarm.stateValue() == StateValue.ALARM && alarm.stateReason() != null
                    && alarm.stateReason().startsWith(ABORT_REASON_PREFIX)) {
                calls.run(AwsOperation.SET_ALARM_STATE, () -> cloudWatch.setAlarmState(request -> request
                        .alarmName(alarm.alarmName()).stateValue(StateValue.OK)
                        .stateReason("PoseOps: the aborted deployment has ended; CloudWatch evaluates the alarm again "
                                + "at its next period.")));
                log.info("Alarm {} set back to OK after an aborted deployment", alarm.alarmName());
            }
        }
    }

    private List<MetricAlarm> describe(Collection<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            return List.of();
        }
        return calls.call(AwsOperation.DESCRIBE_ALARMS, () -> cloudWatch.describeAlarmsPaginator(request -> request
                .alarmNames(alarmNames).maxRecords(100)).metricAlarms().stream().toList());
    }
}
