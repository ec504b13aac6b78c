package com.poseops.training.ui;

import com.poseops.inference.training.TrainerMetrics;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingStatus;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the training pages write a job's values: status, times, key hyperparameters, final metrics. */
final class JobText {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    /** The hyperparameters the jobs list shows; the detail shows all. */
    static final List<String> KEY_HYPERPARAMETERS = List.of("epochs", "augmentations", "learning_rate");

    private JobText() {
    }

    /** The status as the console's badge: "InProgress · Training", "Completed", "Failed". */
    static StatusBadge status(TrainingJob job) {
        StatusBadge badge = StatusBadge.of(statusText(job), tone(job.status()));
        badge.getElement().setAttribute("data-status", job.status().label());
        badge.getElement().setAttribute("data-secondary-status", job.progress().secondaryStatus());
        badge.addClassName("training-status");
        return badge;
    }

    /** What a status means to the person reading it. */
    static Tone tone(TrainingStatus status) {
        return switch (status) {
            case IN_PROGRESS -> Tone.INFO;
            case COMPLETED -> Tone.SUCCESS;
            case FAILED -> Tone.ERROR;
            case STOPPING -> Tone.WARNING;
            case STOPPED -> Tone.NEUTRAL;
        };
    }

    static String statusText(TrainingJob job) {
        String secondary = job.progress().secondaryStatus();
        return job.status() == TrainingStatus.IN_PROGRESS || job.status() == TrainingStatus.STOPPING
                || !secondary.equals(job.status().label()) ? job.status().label() + " · " + secondary
                : job.status().label();
    }

    static String duration(TrainingJob job) {
        Duration d = job.duration(java.time.Instant.now());
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    static String keyHyperparameters(TrainingJob job) {
        List<String> parts = new ArrayList<>();
        for (String name : KEY_HYPERPARAMETERS) {
            String value = job.hyperparameters().get(name);
            if (value != null) {
                parts.add(name + "=" + value);
            }
        }
        return String.join(", ", parts);
    }

    /** Held-out ECE before → after when the trainer reported it, else the last values of the metrics. */
    static String finalMetrics(TrainingJob job) {
        Map<String, Double> last = job.progress().finalMetrics();
        Double before = last.get(TrainerMetrics.HELD_OUT_ECE_BEFORE);
        Double after = last.get(TrainerMetrics.HELD_OUT_ECE_AFTER);
        if (before != null && after != null) {
            return String.format(Locale.ROOT, "held-out ECE %.3f → %.3f", before, after);
        }
        List<String> parts = new ArrayList<>();
        last.forEach((name, value) -> parts.add(name + " " + number(value)));
        return String.join(", ", parts.subList(0, Math.min(3, parts.size())));
    }

    static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.4f", value);
    }
}
