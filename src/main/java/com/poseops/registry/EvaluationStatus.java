package com.poseops.registry;

import com.poseops.registry.EvaluationReport.ImageResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the evaluation of one model stands.
 *
 * @param key      what was evaluated: a version's audit target ({@code model:<group>/<n>}) or {@code serving:<sha256>}
 * @param message  for {@link State#FAILED}: why, for a person
 * @param metrics  the headline metrics once {@link State#DONE}
 * @param evaluatedOn which evaluation set it ran on (its label), or null when not known (older records)
 */
public record EvaluationStatus(String key, State state, int done, int total, @Nullable String message,
        Instant startedAt, @Nullable Instant finishedAt, Map<String, String> metrics, List<ImageResult> images,
        @Nullable String evaluatedOn) {

    public enum State {
        RUNNING, DONE, FAILED
    }

    public EvaluationStatus {
        metrics = Map.copyOf(metrics);
        images = List.copyOf(images);
    }
}
