package com.poseops.training.local;

import com.poseops.inference.training.TrainerMetrics;
import com.poseops.training.MetricPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks metric values out of a job's output the way SageMaker does with a job's MetricDefinitions: every definition's
 * regex is tried on every line, and its first group is the value. The n-th value of a metric gets index n.
 */
final class MetricScraper {

    private record Compiled(String name, Pattern regex) {
    }

    private final List<Compiled> definitions = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();

    MetricScraper(List<TrainerMetrics.Definition> definitions) {
        for (TrainerMetrics.Definition definition : definitions) {
            this.definitions.add(new Compiled(definition.name(), Pattern.compile(definition.regex())));
        }
    }

    /** The values on one line of output (none for most lines). */
    List<MetricPoint> scrape(String line, Instant at) {
        List<MetricPoint> points = new ArrayList<>();
        for (Compiled definition : definitions) {
            Matcher match = definition.regex().matcher(line);
            if (!match.find() || match.groupCount() < 1 || match.group(1) == null) {
                continue;
            }
            double value;
            try {
                value = Double.parseDouble(match.group(1));
            } catch (NumberFormatException e) {
                continue; // SageMaker skips what does not parse as a number as well
            }
            if (!Double.isFinite(value)) {
                continue;
            }
            int index = counts.merge(definition.name(), 1, Integer::sum) - 1;
            points.add(new MetricPoint(definition.name(), index, value, at));
        }
        return points;
    }
}
