package com.poseops.monitoring.aws;

import com.poseops.monitoring.MetricPeriods;
import com.poseops.monitoring.MetricPoint;
import com.poseops.monitoring.MetricQuery;
import com.poseops.monitoring.MetricSeries;
import com.poseops.monitoring.MetricsResult;
import com.poseops.monitoring.MetricsSource;
import com.poseops.monitoring.MetricsUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * aws mode's metrics: SageMaker's own, from CloudWatch, with one {@code GetMetricData} request for every series of a
 * view (its pages followed through {@code NextToken}): {@code AWS/SageMaker} ModelLatency and OverheadLatency (p50,
 * p90, p99, Average; microseconds, shown in ms), Invocations, Invocation4XXErrors, Invocation5XXErrors (Sum);
 * {@code /aws/sagemaker/Endpoints} CPUUtilization, MemoryUtilization, DiskUtilization (Average); dimensions
 * EndpointName + VariantName. The threshold rule's per-minute average latency and count ride in the same request.
 * <p>
 * For all variants together, counts add, averages are weighted by invocations, CPU and memory add, disk is the
 * fullest; percentiles cannot be combined from CloudWatch's answers, so they are shown only when the endpoint has one
 * variant (PoseOps' endpoint always has: blue/green keeps the variant name) or one is chosen.
 */
public class CloudWatchMetricsSource implements MetricsSource {

    static final String SAGEMAKER = "AWS/SageMaker";
    static final String ENDPOINT_INSTANCES = "/aws/sagemaker/Endpoints";
    private static final Duration VARIANT_LIST_TTL = Duration.ofMinutes(5);

    /** One series as CloudWatch has it: namespace, metric, statistic, and the factor to PoseOps' unit. */
    private record Stat(MetricSeries series, String namespace, String metric, String stat, double factor) {
    }

    private static final List<Stat> STATS = List.of(
            new Stat(MetricSeries.MODEL_LATENCY_P50, SAGEMAKER, "ModelLatency", "p50", 0.001),
            new Stat(MetricSeries.MODEL_LATENCY_P90, SAGEMAKER, "ModelLatency", "p90", 0.001),
            new Stat(MetricSeries.MODEL_LATENCY_P99, SAGEMAKER, "ModelLatency", "p99", 0.001),
            new Stat(MetricSeries.MODEL_LATENCY_AVERAGE, SAGEMAKER, "ModelLatency", "Average", 0.001),
            new Stat(MetricSeries.OVERHEAD_LATENCY_P50, SAGEMAKER, "OverheadLatency", "p50", 0.001),
            new Stat(MetricSeries.OVERHEAD_LATENCY_P90, SAGEMAKER, "OverheadLatency", "p90", 0.001),
            new Stat(MetricSeries.OVERHEAD_LATENCY_P99, SAGEMAKER, "OverheadLatency", "p99", 0.001),
            new Stat(MetricSeries.OVERHEAD_LATENCY_AVERAGE, SAGEMAKER, "OverheadLatency", "Average", 0.001),
            new Stat(MetricSeries.INVOCATIONS, SAGEMAKER, "Invocations", "Sum", 1),
            new Stat(MetricSeries.ERRORS_4XX, SAGEMAKER, "Invocation4XXErrors", "Sum", 1),
            new Stat(MetricSeries.ERRORS_5XX, SAGEMAKER, "Invocation5XXErrors", "Sum", 1),
            new Stat(MetricSeries.CPU_UTILIZATION, ENDPOINT_INSTANCES, "CPUUtilization", "Average", 1),
            new Stat(MetricSeries.MEMORY_UTILIZATION, ENDPOINT_INSTANCES, "MemoryUtilization", "Average", 1),
            new Stat(MetricSeries.DISK_UTILIZATION, ENDPOINT_INSTANCES, "DiskUtilization", "Average", 1));

    private final CloudWatchClient cloudWatch;
    private final Clock clock;
    private volatile List<String> variantCache = List.of();
    private volatile Instant variantCacheUntil = Instant.MIN;

    public CloudWatchMetricsSource(CloudWatchClient cloudWatch, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return "Amazon CloudWatch (SageMaker's endpoint metrics)";
    }

    @Override
    public MetricsResult fetch(MetricQuery query) {
        try {
            List<String> known = variants(query.endpointName());
            List<String> variants = query.variant() == null ? known : List.of(query.variant());
            if (variants.isEmpty()) {
                return new MetricsResult(query, Map.of(), List.of(), known, clock.instant());
            }
            Duration minutePeriod = MetricPeriods.forViolations(query.from(), clock.instant(), query.period());
            List<MetricDataQuery> queries = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++) {
                List<Dimension> dimensions = dimensions(query.endpointName(), variants.get(v));
                for (int s = 0; s < STATS.size(); s++) {
                    Stat stat = STATS.get(s);
                    queries.add(metricQuery(id(v, s), stat.namespace(), stat.metric(), stat.stat(), dimensions,
                            query.period()));
                }
                queries.add(metricQuery("m" + v + "_avg", SAGEMAKER, "ModelLatency", "Average", dimensions,
                        minutePeriod));
                queries.add(metricQuery("m" + v + "_n", SAGEMAKER, "Invocations", "Sum", dimensions, minutePeriod));
            }
            Map<String, TreeMap<Instant, Double>> values = getMetricData(queries, query);
            return result(query, variants, known, values);
        } catch (CloudWatchException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String what = "AccessDenied".equals(code) || "AccessDeniedException".equals(code)
                    ? "PoseOps may not read CloudWatch metrics (" + e.awsErrorDetails().errorMessage()
                            + ") — give its role cloudwatch:GetMetricData and cloudwatch:ListMetrics."
                    : "CloudWatch refused the request (" + (e.awsErrorDetails() == null ? e.getMessage()
                            : code + ": " + e.awsErrorDetails().errorMessage()) + ").";
            throw new MetricsUnavailableException(what, e);
        } catch (SdkException e) {
            throw new MetricsUnavailableException("CloudWatch could not be reached after several tries ("
                    + e.getMessage() + ") — check the network and the region; the page tries again at the next "
                    + "refresh.", e);
        }
    }

    private Map<String, TreeMap<Instant, Double>> getMetricData(List<MetricDataQuery> queries, MetricQuery query) {
        Map<String, TreeMap<Instant, Double>> values = new HashMap<>();
        String nextToken = null;
        do {
            GetMetricDataResponse response = cloudWatch.getMetricData(GetMetricDataRequest.builder()
                    .startTime(query.from())
                    .endTime(query.to())
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .metricDataQueries(queries)
                    .nextToken(nextToken)
                    .build());
            for (MetricDataResult result : response.metricDataResults()) {
                TreeMap<Instant, Double> series = values.computeIfAbsent(result.id(), id -> new TreeMap<>());
                for (int i = 0; i < Math.min(result.timestamps().size(), result.values().size()); i++) {
                    Double value = result.values().get(i);
                    if (value != null && Double.isFinite(value)) {
                        series.put(result.timestamps().get(i), value);
                    }
                }
            }
            nextToken = response.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return values;
    }

    private MetricsResult result(MetricQuery query, List<String> variants, List<String> known,
            Map<String, TreeMap<Instant, Double>> values) {
        Map<MetricSeries, List<MetricPoint>> series = new EnumMap<>(MetricSeries.class);
        for (int s = 0; s < STATS.size(); s++) {
            Stat stat = STATS.get(s);
            TreeMap<Instant, Double> combined = new TreeMap<>();
            boolean percentile = stat.stat().startsWith("p");
            if (percentile && variants.size() > 1) {
                series.put(stat.series(), List.of());
                continue;
            }
            for (int v = 0; v < variants.size(); v++) {
                TreeMap<Instant, Double> ofVariant = values.getOrDefault(id(v, s), new TreeMap<>());
                TreeMap<Instant, Double> invocations = values.getOrDefault(id(v, invocationsIndex()), new TreeMap<>());
                BinaryOperator<Double> combine = combiner(stat.series());
                ofVariant.forEach((t, value) -> {
                    double weighted = isAverageLatency(stat.series()) && variants.size() > 1
                            ? value * invocations.getOrDefault(t, 0.0) : value;
                    combined.merge(t, weighted, combine);
                });
            }
            List<MetricPoint> points = new ArrayList<>();
            combined.forEach((t, value) -> {
                double v = value;
                if (isAverageLatency(stat.series()) && variants.size() > 1) {
                    double n = 0;
                    for (int i = 0; i < variants.size(); i++) {
                        n += values.getOrDefault(id(i, invocationsIndex()), new TreeMap<>()).getOrDefault(t, 0.0);
                    }
                    if (n == 0) {
                        return;
                    }
                    v = value / n;
                }
                points.add(new MetricPoint(t, v * stat.factor()));
            });
            series.put(stat.series(), points);
        }
        TreeMap<Instant, double[]> minutes = new TreeMap<>();
        for (int v = 0; v < variants.size(); v++) {
            TreeMap<Instant, Double> counts = values.getOrDefault("m" + v + "_n", new TreeMap<>());
            values.getOrDefault("m" + v + "_avg", new TreeMap<>()).forEach((t, average) -> {
                double n = counts.getOrDefault(t, 0.0);
                double[] m = minutes.computeIfAbsent(t, x -> new double[2]);
                m[0] += average * Math.max(n, 1);
                m[1] += Math.max(n, 1);
            });
        }
        List<MetricsResult.MinuteLatency> minuteLatency = new ArrayList<>();
        minutes.forEach((t, m) -> minuteLatency.add(
                new MetricsResult.MinuteLatency(t, m[0] / m[1] / 1000.0, Math.round(m[1]))));
        return new MetricsResult(query, series, minuteLatency, known, clock.instant());
    }

    private static boolean isAverageLatency(MetricSeries series) {
        return series == MetricSeries.MODEL_LATENCY_AVERAGE || series == MetricSeries.OVERHEAD_LATENCY_AVERAGE;
    }

    private static BinaryOperator<Double> combiner(MetricSeries series) {
        return series == MetricSeries.DISK_UTILIZATION ? Math::max : Double::sum;
    }

    private static int invocationsIndex() {
        for (int s = 0; s < STATS.size(); s++) {
            if (STATS.get(s).series() == MetricSeries.INVOCATIONS) {
                return s;
            }
        }
        throw new IllegalStateException("no Invocations statistic");
    }

    private static String id(int variant, int stat) {
        return "v" + variant + "_" + stat;
    }

    private static List<Dimension> dimensions(String endpointName, String variant) {
        return List.of(Dimension.builder().name("EndpointName").value(endpointName).build(),
                Dimension.builder().name("VariantName").value(variant).build());
    }

    private static MetricDataQuery metricQuery(String id, String namespace, String metric, String stat,
            List<Dimension> dimensions, Duration period) {
        return MetricDataQuery.builder()
                .id(id)
                .returnData(true)
                .metricStat(ms -> ms
                        .metric(Metric.builder().namespace(namespace).metricName(metric).dimensions(dimensions).build())
                        .stat(stat)
                        .period((int) period.toSeconds()))
                .build();
    }

    /**
     * The endpoint's variants that have metrics (CloudWatch's {@code ListMetrics}, which lists metrics with data in
     * the last two weeks), asked at most every {@link #VARIANT_LIST_TTL}.
     */
    private List<String> variants(String endpointName) {
        Instant now = clock.instant();
        if (now.isBefore(variantCacheUntil)) {
            return variantCache;
        }
        List<String> found = cloudWatch.listMetricsPaginator(r -> r.namespace(SAGEMAKER).metricName("Invocations")
                        .dimensions(DimensionFilter.builder().name("EndpointName").value(endpointName).build()))
                .metrics().stream()
                .flatMap(m -> m.dimensions().stream())
                .filter(d -> "VariantName".equals(d.name()))
                .map(Dimension::value)
                .distinct().sorted().toList();
        variantCache = found;
        // none yet (a new endpoint before its first minute): asked again at the next refresh, so that the first
        // numbers show as soon as CloudWatch has them, not up to VARIANT_LIST_TTL later
        variantCacheUntil = found.isEmpty() ? now : now.plus(VARIANT_LIST_TTL);
        return found;
    }
}
