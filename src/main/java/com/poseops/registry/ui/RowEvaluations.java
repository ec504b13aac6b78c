package com.poseops.registry.ui;

import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.EvaluationReport;
import com.poseops.registry.EvaluationReport.MetricInfo;
import com.poseops.registry.EvaluationStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The evaluation of each listed Pending version that still lacks a metric: the grid shows its progress or failure in
 * place of the missing numbers. One read per such version, once per refresh; none when evaluation is off. Pushed
 * progress replaces what was read.
 */
final class RowEvaluations {

    private final RegistryService service;
    private final Map<Integer, EvaluationStatus> byVersion = new HashMap<>();
    private final Set<Integer> read = new HashSet<>();

    RowEvaluations(RegistryService service) {
        this.service = service;
    }

    void clear() {
        byVersion.clear();
        read.clear();
    }

    /** Reads the evaluations of those of {@code versions} that need one and were not read since {@link #clear()}. */
    void load(List<ModelVersion> versions) {
        if (!service.evaluationEnabled()) {
            return;
        }
        for (ModelVersion version : versions) {
            if (version.status() != ApprovalStatus.PENDING || !read.add(version.version())
                    || EvaluationReport.METRICS.stream().allMatch(m -> version.metrics().containsKey(m.name()))) {
                continue;
            }
            service.evaluation(version.version()).ifPresent(status -> byVersion.put(version.version(), status));
        }
    }

    void update(int version, EvaluationStatus status) {
        byVersion.put(version, status);
    }

    @Nullable EvaluationStatus of(int version) {
        return byVersion.get(version);
    }

    /** A version's value of a metric, or what stands in for it while it is evaluated or when that failed. */
    String metricText(ModelVersion version, MetricInfo metric) {
        String value = version.metrics().get(metric.name());
        if (value != null) {
            return value;
        }
        EvaluationStatus status = byVersion.get(version.version());
        if (status == null) {
            return "";
        }
        return switch (status.state()) {
            case RUNNING -> "evaluating " + status.done() + "/" + status.total();
            case FAILED -> "evaluation failed";
            case DONE -> "";
        };
    }
}
