package com.poseops.platform.notifications;

import com.poseops.platform.events.DeploymentEnded;
import com.poseops.platform.events.LatencyViolation;
import com.poseops.platform.events.MetricLine;
import com.poseops.platform.events.PoseOpsEvent;
import com.poseops.platform.events.TrainingJobEnded;
import com.poseops.platform.events.VersionAwaitingApproval;
import com.poseops.platform.events.VersionDecided;
import com.poseops.platform.notifications.Notification.Kind;
import com.poseops.platform.notifications.Notification.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What a notification says for each kind of event: the one place where events become sentences. */
public final class NotificationTexts {

    private NotificationTexts() {
    }

    /** The notification for {@code event}, not yet delivered anywhere. */
    public static Notification of(PoseOpsEvent event, String id) {
        return switch (event) {
            case VersionAwaitingApproval e -> awaitingApproval(e, id);
            case VersionDecided e -> decided(e, id);
            case TrainingJobEnded e -> trainingEnded(e, id);
            case DeploymentEnded e -> deploymentEnded(e, id);
            case LatencyViolation e -> latencyViolation(e, id);
        };
    }

    private static Notification awaitingApproval(VersionAwaitingApproval e, String id) {
        List<String> lines = new ArrayList<>();
        lines.add("Registered by " + e.registeredBy() + ": " + e.description());
        if (e.evaluationProblem() != null) {
            lines.add("No metrics: " + e.evaluationProblem());
        }
        lines.addAll(metricLines(e.metrics(), e.serving()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("group", e.group());
        details.put("version", e.version());
        details.put("registeredBy", e.registeredBy());
        details.put("metrics", metricDetails(e.metrics()));
        putIfPresent(details, "serving", e.serving());
        return new Notification(id, e.at(), Kind.VERSION_AWAITING_APPROVAL, Severity.INFO,
                "Model version " + e.version() + " waits for approval", lines, "models", details, pending());
    }

    private static Notification decided(VersionDecided e, String id) {
        String verb = e.approved() ? "approved" : "rejected";
        List<String> lines = new ArrayList<>();
        lines.add("Comment: " + e.comment());
        lines.addAll(metricLines(e.metrics(), e.serving()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("group", e.group());
        details.put("version", e.version());
        details.put("outcome", verb);
        details.put("decidedBy", e.decidedBy());
        details.put("comment", e.comment());
        details.put("metrics", metricDetails(e.metrics()));
        putIfPresent(details, "serving", e.serving());
        return new Notification(id, e.at(), Kind.VERSION_DECIDED, e.approved() ? Severity.SUCCESS : Severity.WARNING,
                "Model version " + e.version() + " " + verb + " by " + e.decidedBy(), lines, "models", details,
                pending());
    }

    private static Notification trainingEnded(TrainingJobEnded e, String id) {
        List<String> lines = new ArrayList<>();
        lines.add("Started by " + e.startedBy() + ".");
        if (e.reason() != null) {
            lines.add((e.outcome() == TrainingJobEnded.Outcome.FAILED ? "Why: " : "") + e.reason());
        }
        new TreeMap<>(e.finalMetrics()).forEach((name, value) -> lines.add(name + ": " + value));
        if (e.modelVersion() != null) {
            lines.add("Registered as model version " + e.modelVersion() + ", waiting for approval.");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("job", e.jobName());
        details.put("outcome", e.outcome().name());
        details.put("startedBy", e.startedBy());
        details.put("finalMetrics", new TreeMap<>(e.finalMetrics()));
        putIfPresent(details, "reason", e.reason());
        putIfPresent(details, "modelVersion", e.modelVersion());
        Severity severity = switch (e.outcome()) {
            case COMPLETED -> Severity.SUCCESS;
            case STOPPED -> Severity.WARNING;
            case FAILED -> Severity.ERROR;
        };
        return new Notification(id, e.at(), Kind.TRAINING_ENDED, severity,
                "Training job " + e.jobName() + " " + e.outcome().name().toLowerCase(Locale.ROOT), lines, "training",
                details, pending());
    }

    private static Notification deploymentEnded(DeploymentEnded e, String id) {
        String versions = (e.fromVersion() == null ? "" : "version " + e.fromVersion() + " → ") + "version "
                + e.toVersion();
        String title = switch (e.outcome()) {
            case SUCCEEDED -> "Deployed " + versions + " to " + e.endpointName();
            case ROLLED_BACK_AUTOMATICALLY -> "Deployment of version " + e.toVersion() + " rolled back automatically";
            case ROLLED_BACK_BY_PERSON -> "Deployment of version " + e.toVersion() + " rolled back by "
                    + nameOr(e.rolledBackBy());
            case ABORTED -> "Deployment of version " + e.toVersion() + " aborted by " + nameOr(e.rolledBackBy());
            case FAILED -> "Deployment of version " + e.toVersion() + " failed";
        };
        List<String> lines = new ArrayList<>();
        lines.add("Endpoint " + e.endpointName() + ": " + versions + ", started by " + e.startedBy() + ".");
        if (e.alarm() != null) {
            lines.add("Alarm: " + e.alarm());
        }
        if (e.reason() != null) {
            lines.add("Why: " + e.reason());
        }
        if (e.outcome() != DeploymentEnded.Outcome.SUCCEEDED && e.fromVersion() != null) {
            lines.add("Version " + e.fromVersion() + " serves.");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint", e.endpointName());
        details.put("deployment", e.deploymentId());
        putIfPresent(details, "fromVersion", e.fromVersion());
        details.put("toVersion", e.toVersion());
        details.put("outcome", e.outcome().name());
        details.put("startedBy", e.startedBy());
        putIfPresent(details, "rolledBackBy", e.rolledBackBy());
        putIfPresent(details, "alarm", e.alarm());
        putIfPresent(details, "reason", e.reason());
        Severity severity = switch (e.outcome()) {
            case SUCCEEDED -> Severity.SUCCESS;
            case ROLLED_BACK_BY_PERSON, ABORTED -> Severity.WARNING;
            case ROLLED_BACK_AUTOMATICALLY, FAILED -> Severity.ERROR;
        };
        return new Notification(id, e.at(), Kind.DEPLOYMENT_ENDED, severity, title, lines, "endpoints", details,
                pending());
    }

    private static Notification latencyViolation(LatencyViolation e, String id) {
        List<String> lines = new ArrayList<>();
        lines.add("Average inference time peaked at " + seconds(e.peakSeconds()) + " s; the threshold "
                + "(ModelMonitoring.threshold) is " + seconds(e.thresholdSeconds()) + " s.");
        lines.add("Since " + e.start() + (e.variant() == null ? "" : ", variant " + e.variant())
                + (e.servingVersion() == null ? "" : ", model version " + e.servingVersion()) + ".");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("endpoint", e.endpointName());
        putIfPresent(details, "variant", e.variant());
        putIfPresent(details, "servingVersion", e.servingVersion());
        details.put("start", e.start().toString());
        details.put("peakSeconds", e.peakSeconds());
        details.put("thresholdSeconds", e.thresholdSeconds());
        return new Notification(id, e.at(), Kind.LATENCY_VIOLATION, Severity.ERROR,
                "Latency above the threshold on " + e.endpointName(), lines, "monitoring", details, pending());
    }

    /** The metrics as lines, headed by what they are compared with. */
    private static List<String> metricLines(List<MetricLine> metrics, @org.jspecify.annotations.Nullable String serving) {
        if (metrics.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(serving == null ? "Metrics (nothing serves yet to compare with):" : "Metrics beside the serving "
                + serving + ":");
        metrics.forEach(metric -> lines.add("  " + metric.text()));
        return lines;
    }

    private static List<Map<String, Object>> metricDetails(List<MetricLine> metrics) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (MetricLine metric : metrics) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("metric", metric.label());
            item.put("value", metric.value());
            putIfPresent(item, "serving", metric.servingValue());
            putIfPresent(item, "verdict", metric.verdict());
            list.add(item);
        }
        return list;
    }

    private static void putIfPresent(Map<String, Object> map, String key, @org.jspecify.annotations.Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String nameOr(@org.jspecify.annotations.Nullable String name) {
        return name == null ? "a person" : name;
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static Delivery pending() {
        return Delivery.notSent("Shown here only.");
    }
}
