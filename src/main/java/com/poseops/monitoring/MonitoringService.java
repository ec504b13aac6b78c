package com.poseops.monitoring;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.EndpointQueries;
import com.poseops.endpoints.RollbackAlarm;
import com.poseops.endpoints.ServedModel;
import com.poseops.platform.config.Mode;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Monitoring page's numbers, the same in both modes: the {@link MetricsSource}'s series (fetched once per query per
 * refresh, shared by every page), the violations of {@code ModelMonitoring.threshold}, the deployment markers from the
 * endpoint's history, and the rollback alarms' states — CloudWatch's in aws mode, PoseOps' own evaluation of the same
 * rule over its per-minute numbers in local mode. Reading is allowed to every role (VIEWER and up).
 */
public class MonitoringService {

    private static final Logger log = LoggerFactory.getLogger(MonitoringService.class);

    private final MetricsCache cache;
    private final MetricsSource source;
    private final Supplier<Optional<EndpointQueries>> endpoint;
    private final String endpointName;
    private final double thresholdSeconds;
    private final Mode mode;
    private final Clock clock;
    private final Authorization authorization;
    private final LongSupplier droppedSamples;
    private final LongSupplier droppedCaptures;

    public MonitoringService(MetricsSource source, Supplier<Optional<EndpointQueries>> endpoint, String endpointName,
            double thresholdSeconds, Mode mode, Duration refreshInterval, Clock clock, Authorization authorization,
            LongSupplier droppedSamples, LongSupplier droppedCaptures) {
        this.source = source;
        this.cache = new MetricsCache(source, clock, refreshInterval.minusSeconds(1));
        this.endpoint = endpoint;
        this.endpointName = endpointName;
        this.thresholdSeconds = thresholdSeconds;
        this.mode = mode;
        this.clock = clock;
        this.authorization = authorization;
        this.droppedSamples = droppedSamples;
        this.droppedCaptures = droppedCaptures;
    }

    public String endpointName() {
        return endpointName;
    }

    public double thresholdMillis() {
        return thresholdSeconds * 1000.0;
    }

    /** The page's numbers for the signed-in person (VIEWER and up). */
    public MonitoringSnapshot snapshot(MonitoringRequest request) {
        authorization.require(Role.VIEWER, "monitoring.view", "endpoint/" + endpointName);
        return snapshotFor(request);
    }

    /** The same without a person (the refresher, which pushes to pages whose viewers were checked on attach). */
    MonitoringSnapshot snapshotFor(MonitoringRequest request) {
        Instant now = clock.instant();
        MetricQuery query = request.resolve(endpointName, now);
        MetricsResult metrics = null;
        String problem = null;
        try {
            metrics = cache.get(query);
        } catch (MetricsUnavailableException e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            log.warn("Metrics for {} could not be read", query, e);
            problem = "The metrics could not be read (" + e.getMessage() + ") — the page tries again at the next "
                    + "refresh.";
        }
        Optional<EndpointQueries> queries = endpoint.get();
        boolean noEndpoint = queries.map(q -> !q.current().exists()).orElse(false)
                && (metrics == null || metrics.isEmpty());
        DeploymentTimeline timeline = timeline(queries, query.to());
        Duration violationPeriod = MetricPeriods.forViolations(query.from(), now, query.period());
        List<Violation> violations = metrics == null ? List.of()
                : Violations.find(metrics.minuteLatency(), violationPeriod, thresholdMillis(), timeline);
        return new MonitoringSnapshot(request, query, metrics, problem, noEndpoint, thresholdMillis(), violations,
                timeline.markers(query.from(), query.to()), alarms(queries, now), source.describe(),
                droppedSamples.getAsLong(), droppedCaptures.getAsLong(), now);
    }

    /** The rollback alarms and their states (aws: CloudWatch's; local: evaluated here over the last minutes). */
    List<AlarmStatus> alarms(Optional<EndpointQueries> queries, Instant now) {
        List<RollbackAlarm> alarms = queries.map(EndpointQueries::rollbackAlarms).filter(a -> !a.isEmpty())
                .orElseGet(() -> RollbackAlarm.define(endpointName, thresholdSeconds, 1.0, 60).stream()
                        .filter(a -> a.kind() == RollbackAlarm.Kind.LATENCY).toList());
        List<AlarmStatus> statuses = new ArrayList<>();
        if (mode == Mode.LOCAL) {
            MetricsResult recent;
            try {
                recent = cache.get(MonitoringRequest.last(TimeRange.LAST_15_MINUTES, null).resolve(endpointName, now));
            } catch (RuntimeException e) {
                return alarms.stream().map(a -> new AlarmStatus(a, null, "PoseOps")).toList();
            }
            for (RollbackAlarm alarm : alarms) {
                statuses.add(new AlarmStatus(alarm, AlarmRule.evaluate(alarm, recent, now), "PoseOps"));
            }
        } else {
            Map<String, RollbackAlarm.State> states = queries.map(EndpointQueries::alarmStates).orElse(Map.of());
            for (RollbackAlarm alarm : alarms) {
                statuses.add(new AlarmStatus(alarm, states.get(alarm.name()), "CloudWatch"));
            }
        }
        return statuses;
    }

    private static DeploymentTimeline timeline(Optional<EndpointQueries> queries, Instant to) {
        if (queries.isEmpty()) {
            return new DeploymentTimeline(List.of(), null);
        }
        try {
            List<Deployment> deployments = queries.get().deployments(Instant.EPOCH, to);
            ServedModel serving = queries.get().servingModel().orElse(null);
            return new DeploymentTimeline(deployments, serving);
        } catch (RuntimeException e) {
            log.warn("The deployment history could not be read: {}", e.toString());
            return new DeploymentTimeline(List.of(), null);
        }
    }

    /** Drops cached results older than the refresh interval; called by the refresher once per refresh. */
    void evictStale() {
        cache.evictStale();
    }
}
